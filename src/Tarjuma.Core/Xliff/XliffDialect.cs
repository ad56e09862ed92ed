using System.Xml.Linq;

namespace Tarjuma.Core.Xliff;

/// <summary>The XLIFF versions read: 1.2 (OASIS Standard 2008) and 2.0/2.1 (OASIS Standards 2014/2018, one namespace).</summary>
internal sealed class XliffDialect
{
    public const string Namespace12 = "urn:oasis:names:tc:xliff:document:1.2";
    public const string Namespace20 = "urn:oasis:names:tc:xliff:document:2.0";

    /// <summary>Translation Candidates module (XLIFF 2.0 §5.4).</summary>
    public static readonly XNamespace Matches = "urn:oasis:names:tc:xliff:matches:2.0";

    private XliffDialect(string version, XNamespace core, bool isVersion2)
    {
        Version = version;
        Core = core;
        IsVersion2 = isVersion2;
    }

    public string Version { get; }

    /// <summary>The namespace of the document's core elements (1.2 files without one are accepted as tools write them).</summary>
    public XNamespace Core { get; }

    public bool IsVersion2 { get; }

    /// <summary>The name of the element buffered and rewritten as a whole.</summary>
    public string UnitName => IsVersion2 ? "unit" : "trans-unit";

    /// <summary>The dialect of a root element, or null with the reason it is refused.</summary>
    public static (XliffDialect? Dialect, string? Refusal) FromRoot(string localName, string namespaceUri, string? version)
    {
        if (!string.Equals(localName, "xliff", StringComparison.Ordinal))
        {
            return (null, $"not an XLIFF document: the root element is <{localName}>, not <xliff>");
        }

        var v = version?.Trim();
        if (namespaceUri is Namespace20)
        {
            return v is "2.0" or "2.1"
                ? (new XliffDialect(v, Namespace20, isVersion2: true), null)
                : (null, $"XLIFF version '{v}' is not supported (XLIFF 1.2, 2.0 and 2.1 are)");
        }

        if (namespaceUri is Namespace12 or "")
        {
            return v is "1.2"
                ? (new XliffDialect(v, namespaceUri, isVersion2: false), null)
                : (null, $"XLIFF version '{v}' is not supported (XLIFF 1.2, 2.0 and 2.1 are)");
        }

        const string OasisPrefix = "urn:oasis:names:tc:xliff:document:";
        return namespaceUri.StartsWith(OasisPrefix, StringComparison.Ordinal)
            ? (null, $"XLIFF version '{namespaceUri[OasisPrefix.Length..]}' (from the namespace) is not supported (XLIFF 1.2, 2.0 and 2.1 are)")
            : (null, $"not an XLIFF document: <xliff> is in namespace '{namespaceUri}'");
    }
}
