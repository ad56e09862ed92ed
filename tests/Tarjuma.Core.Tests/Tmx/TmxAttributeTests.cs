using System.Xml;
using Tarjuma.Core.Tmx;

namespace Tarjuma.Core.Tests.Tmx;

/// <summary>The reader's attribute lookup by comparing names must find what <see cref="XmlReader.GetAttribute(string)"/> finds.</summary>
public sealed class TmxAttributeTests
{
    private static readonly string[] Names =
    [
        "tuid", "usagecount", "srclang", "xml:lang", "lang", "creationid", "creationdate", "changeid", "changedate", "lastusagedate", "type",
        "x:lang", "xmlns", "xmlns:x", "Lang", "",
    ];

    [Theory]
    [InlineData("<tu/>")]
    [InlineData("<tu tuid=\"7\"/>")]
    [InlineData("<tuv xml:lang=\"tg\"><seg>a</seg></tuv>")]
    [InlineData("<tuv lang=\"tg-TJ\" creationdate=\"20261130T120000Z\"/>")]
    [InlineData("<tu xmlns:x=\"urn:x\" x:lang=\"de\" lang=\"tg\" changeid=\"a &amp; b\"/>")]
    [InlineData("<tu tuid=\"1\" usagecount=\"2\" srclang=\"tg\" creationid=\"c\"/>")]
    [InlineData("<tu tuid=\"1\" usagecount=\"2\" srclang=\"tg\" creationid=\"c\" creationdate=\"d\" changeid=\"e\" lastusagedate=\"f\"/>")]
    [InlineData("<tuv xmlns=\"urn:tmx\" xml:lang=\"en\" changedate=\"  x\ty  \"/>")]
    public void Every_name_is_found_as_GetAttribute_finds_it(string element)
    {
        using var reader = XmlReader.Create(new StringReader(element));
        reader.MoveToContent();
        foreach (var name in Names)
        {
            Assert.Equal(reader.GetAttribute(name), TmxReader.FindAttribute(reader, name));

            // Left on the element, as GetAttribute leaves it.
            Assert.Equal(XmlNodeType.Element, reader.NodeType);
        }

        Assert.Equal(element.EndsWith("/>", StringComparison.Ordinal), reader.IsEmptyElement);
    }
}
