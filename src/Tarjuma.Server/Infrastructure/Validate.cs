using System.Runtime.CompilerServices;
using System.Text;
using Tarjuma.Core.Model;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Request validation that names the offending proto field. The field name is taken from the
/// argument expression (<c>request.SourceLanguage</c> → <c>source_language</c>), as
/// grpc-dotnet's validation sample does, so messages never drift from the code.
/// </summary>
public static class Validate
{
    public static string MemoryName(string value, [CallerArgumentExpression(nameof(value))] string expression = "") =>
        Core.Model.MemoryName.Validate(value, FieldName(expression));

    public static LanguageTag Language(string value, [CallerArgumentExpression(nameof(value))] string expression = "") =>
        LanguageTag.Parse(value, FieldName(expression));

    public static string NotEmpty(string value, [CallerArgumentExpression(nameof(value))] string expression = "") =>
        string.IsNullOrEmpty(value) ? throw TarjumaException.InvalidArgument(FieldName(expression), "must not be empty.") : value;

    public static long Id(long value, [CallerArgumentExpression(nameof(value))] string expression = "") =>
        value > 0 ? value : throw TarjumaException.InvalidArgument(FieldName(expression), $"must be a positive unit id, not {value}.");

    /// <summary>Returns <paramref name="value"/>, or <paramref name="fallback"/> when it is 0; checks the range.</summary>
    public static int InRange(int value, int min, int max, int fallback, [CallerArgumentExpression(nameof(value))] string expression = "")
    {
        if (value == 0)
        {
            return fallback;
        }

        return value >= min && value <= max
            ? value
            : throw TarjumaException.InvalidArgument(FieldName(expression), $"must be between {min} and {max}, not {value}.");
    }

    /// <summary><c>request.SourceLanguage</c> → <c>source_language</c>; <c>request.Unit.Id</c> → <c>unit.id</c>.</summary>
    internal static string FieldName(string expression)
    {
        const string RequestPrefix = "request.";
        var path = expression.StartsWith(RequestPrefix, StringComparison.Ordinal) ? expression[RequestPrefix.Length..] : expression;
        var builder = new StringBuilder(path.Length + 4);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c is '!' or '?')
            {
                continue;
            }

            if (char.IsUpper(c))
            {
                if (i > 0 && path[i - 1] != '.')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
