using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Tests;

internal static class Units
{
    public static TranslationUnit Pair(string source, string target) =>
        new() { Source = new Segment { Text = source }, Target = new Segment { Text = target } };
}
