using Tarjuma.CommandLine;
using Tarjuma.CommandLine.Checks;
using Tarjuma.Core.Model;
using Tarjuma.Core.Security;

namespace Tarjuma.Cli.Tests;

/// <summary>
/// The command line checks names, languages and grants itself (it references no engine, issue #14), in the
/// engine's words: each case gets the same answer, canonical value or message from both.
/// </summary>
public sealed class CommandLineChecksTests
{
    public static TheoryData<string?> Names => new()
    {
        null, "", "news", "news_2024", "Ахбор.v2", "_x", ".hidden", "-dash", "a b", "a/b", "ok-1.2", new string('n', 100), new string('n', 101),
    };

    public static TheoryData<string?> Tags => new()
    {
        null, "", "  ", "tg", "TG-tj", "tg_TJ", "tg-cyrl", "tg-Cyrl-TJ", "en-US", "es-419", "x", "toolongtag", "en--US", "en-US-x-ab",
        "sgn-BE-FR", "de-CH-1901", "zh-hant-TW", "en-a-bbb-US", "1en", "en-US!", " en ", new string('a', 2) + "-" + new string('b', 70),
    };

    public static TheoryData<string, string> Pairs => new()
    {
        { "tg", "en" }, { "tg", "tg-TJ" }, { "tg-Cyrl-TJ", "en-US" }, { "en-US-x-ab", "tg" }, { "tg", "sgn-BE-FR" }, { "eng", "tgk" },
        { "toolong", "en" }, { "en", "es-419" }, { "en-Latn-US-x", "tg" },
    };

    public static TheoryData<string> Grants => new()
    {
        "news:read", "news:write", "*:read", "*:write", "news", ":read", "news:admin", ".bad:read", "a:b:read", "news:Read",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_memory_name_gets_the_engines_answer(string? name)
    {
        Assert.Equal(Answer(() => MemoryName.Validate(name, "--memory")), Answer(() => MemoryNames.Validate(name, "--memory")));
    }

    [Theory]
    [MemberData(nameof(Tags))]
    public void A_language_tag_gets_the_engines_canonical_form_or_message(string? tag)
    {
        Assert.Equal(Answer(() => LanguageTag.Parse(tag, "--lang").Value), Answer(() => LanguageTags.Canonical(tag, "--lang")));
        Assert.Equal(LanguageTag.TryParse(tag, out _), LanguageTags.TryCanonical(tag, out _));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_memorys_language_pair_gets_the_engines_answer(string source, string target)
    {
        var engine = Answer(() =>
        {
            MemoryLanguages.Validate(LanguageTag.Parse(source, "s"), LanguageTag.Parse(target, "t"));
            return "ok";
        });
        var commandLine = Answer(() =>
        {
            LanguageTags.CheckMemoryPair(LanguageTags.Canonical(source, "s"), LanguageTags.Canonical(target, "t"));
            return "ok";
        });

        Assert.Equal(engine, commandLine);
    }

    [Theory]
    [MemberData(nameof(Grants))]
    public void A_grant_gets_the_engines_answer(string grant)
    {
        Assert.Equal(Answer(() => KeyGrant.Parse(grant, "--grant").ToString()), Answer(() => KeyGrants.Validate(grant, "--grant")));
    }

    /// <summary>The value, or the message and field of the error, whichever side threw it.</summary>
    private static string Answer(Func<string> check)
    {
        try
        {
            return "value: " + check();
        }
        catch (TarjumaException exception)
        {
            return $"error {exception.Field}: {exception.Message}";
        }
        catch (CommandLineException exception)
        {
            return $"error {exception.Field}: {exception.Message}";
        }
    }
}
