namespace Tarjuma.Core.Segmentation;

/// <summary>The regular-expression dialect an SRX file is written in.</summary>
public enum SrxRegexDialect
{
    /// <summary>ICU, the SRX 2.0 default (§2.4): <c>\s</c>, <c>\d</c>, <c>\w</c> are Unicode-aware.</summary>
    Icu = 0,

    /// <summary>
    /// java.util.regex (Okapi's <c>useJavaRegex="yes"</c>): <c>\s</c>, <c>\d</c>, <c>\w</c> are
    /// ASCII-only unless <c>(?U)</c> is set, so e.g. <c>\s</c> does not match a no-break space.
    /// </summary>
    Java = 1,
}
