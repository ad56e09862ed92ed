using System.Runtime.CompilerServices;
using System.Text;
using Tarjuma.Core.Model;

namespace Tarjuma.Server.Infrastructure;

/// <summary>
/// Request validation that names the offending proto field. The field name is taken from the
/// argument expression (<c>request.SourceLanguage</c> → <c>source_language</c>), as
/// grpc-dotnet's validation sample does, so messages never drift from the code.
/// </summary>
/// <remarks>
/// Field names in errors (the message's first word and the google.rpc.BadRequest field) are the
/// path a client sees in the proto, relative to the request message: lower_snake_case, dots for
/// nested messages, <c>[i]</c> (0-based) for repeated elements (<c>unit.source.tags[2].kind</c>).
/// In a client stream the message's position goes into the description ("message 3: …"), never
/// into the field.
/// </remarks>
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

    /// <summary>
    /// The same error about the proto field <paramref name="field"/>: for engine and store errors
    /// that name a parameter of theirs (<c>phrase</c>) rather than the request's field (<c>query</c>).
    /// </summary>
    public static TarjumaException AsField(this TarjumaException exception, string field)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Field is { } old && exception.Message.StartsWith(old + ": ", StringComparison.Ordinal)
            ? $"{field}: {exception.Message[(old.Length + 2)..]}"
            : $"{field}: {exception.Message}";
        return new TarjumaException(exception.Kind, message, field, exception);
    }

    /// <summary>
    /// <c>request.SourceLanguage</c> → <c>source_language</c>; <c>request.Unit.Id</c> → <c>unit.id</c>;
    /// <c>first.Memory</c> → <c>memory</c> (a leading lower-case name is the variable holding the message).
    /// </summary>
    internal static string FieldName(string expression)
    {
        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        var path = dot > 0 && char.IsLower(expression[0]) ? expression[(dot + 1)..] : expression;
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
