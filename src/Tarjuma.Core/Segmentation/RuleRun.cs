using System.Text.RegularExpressions;

namespace Tarjuma.Core.Segmentation;

/// <summary>
/// Rules of one block (same <c>break</c> value) tested together at a candidate break. Either
/// several rules sharing an afterbreak, merged into one backtracking expression
/// <c>\G(?=A)(?&lt;=B1|B2|…)</c>, or one user rule that .NET's non-backtracking engine accepts:
/// <c>(?:B)\z</c> on the text before the break and <c>\A(?:A)</c> on the text after it, in
/// time linear in the window whatever the pattern (<c>x(a+)+\.</c> included).
/// </summary>
internal sealed class RuleRun
{
    private readonly Regex? _merged;
    private readonly Regex? _before;
    private readonly Regex? _after;
    private readonly Lazy<Regex>[] _alone;

    private RuleRun(bool isBreak, CompiledRuleSet.RuleChecks[] rules, SrxRule[] members, Regex? merged, Regex? before, Regex? after, Lazy<Regex>[] alone)
    {
        Break = isBreak;
        Rules = rules;
        Members = members;
        _merged = merged;
        _before = before;
        _after = after;
        _alone = alone;
    }

    public bool Break { get; }

    /// <summary>The members' edge checks: the run can match only where one of them holds.</summary>
    public CompiledRuleSet.RuleChecks[] Rules { get; }

    /// <summary>The SRX rules this run tests, for <see cref="IsMatchAlone"/> and error messages.</summary>
    public SrxRule[] Members { get; }

    /// <summary>True when the run uses the non-backtracking engine.</summary>
    public bool IsLinear => _merged is null;

    /// <summary>Several rules in one backtracking expression; each member can also be tested alone.</summary>
    public static RuleRun Merged(bool isBreak, CompiledRuleSet.RuleChecks[] rules, SrxRule[] members, Regex merged, Func<SrxRule, Regex> alone) =>
        new(isBreak, rules, members, merged, null, null, [.. members.Select(m => new Lazy<Regex>(() => alone(m)))]);

    /// <summary>One rule on the non-backtracking engine; null patterns match everywhere.</summary>
    public static RuleRun Linear(bool isBreak, CompiledRuleSet.RuleChecks[] rules, SrxRule member, Regex? before, Regex? after) =>
        new(isBreak, rules, [member], null, before, after, []);

    /// <summary>
    /// Whether the run matches at <paramref name="at"/> in <paramref name="window"/>.
    /// Throws <see cref="RegexMatchTimeoutException"/> when a backtracking match runs too long.
    /// </summary>
    public bool IsMatch(ReadOnlySpan<char> window, int at)
    {
        if (_merged is not null)
        {
            return _merged.IsMatch(window, at);
        }

        return (_after is null || _after.IsMatch(window[at..])) && (_before is null || _before.IsMatch(window[..at]));
    }

    /// <summary>Member <paramref name="member"/> alone (compiled on first use: only needed after a timeout).</summary>
    public bool IsMatchAlone(int member, ReadOnlySpan<char> window, int at) =>
        _merged is null ? IsMatch(window, at) : _alone[member].Value.IsMatch(window, at);

    /// <summary>The expression(s), for diagnostics.</summary>
    public override string ToString() => _merged?.ToString() ?? $"{_before}  ‖  {_after}";
}
