using System.Text.RegularExpressions;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Tarjuma.Server.Http;

/// <summary>
/// OpenAPI requires paths that differ only in their variables' names to be one path (OpenAPI 3.0
/// §4.7.8: "/pets/{petId}" and "/pets/{name}" are identical). Two rules bind the same address to
/// different request fields (GetUnit's <c>{id}</c>, UpdateUnit's <c>{unit.id}</c>): the later path is
/// renamed to the first one's variable names and its operations join that path. Only names change;
/// the address a client sends is the same, and the server's routes are untouched.
/// </summary>
internal sealed partial class EquivalentPathsFilter : IDocumentFilter
{
    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex Variable();

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in swaggerDoc.Paths.Keys.ToList())
        {
            var signature = Variable().Replace(path, "{}");
            if (!first.TryGetValue(signature, out var kept))
            {
                first[signature] = path;
                continue;
            }

            var names = Variable().Matches(path).Select(m => m.Groups[1].Value).ToList();
            var keptNames = Variable().Matches(kept).Select(m => m.Groups[1].Value).ToList();
            var keptItem = swaggerDoc.Paths[kept];
            foreach (var (verb, operation) in swaggerDoc.Paths[path].Operations)
            {
                foreach (var parameter in operation.Parameters.Where(p => p.In == ParameterLocation.Path))
                {
                    var index = names.IndexOf(parameter.Name);
                    parameter.Name = index >= 0 ? keptNames[index] : parameter.Name;
                }

                keptItem.Operations.Add(verb, operation);
            }

            swaggerDoc.Paths.Remove(path);
        }
    }
}
