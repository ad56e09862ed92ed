namespace Tarjuma.Core.Segmentation;

/// <summary>
/// Which rule runs, and which of their rules alone, timed out during one segmentation call.
/// Created on the first timeout only, so the normal path allocates nothing.
/// </summary>
internal sealed class RuleTrouble
{
    private readonly HashSet<int> _runs = [];
    private readonly HashSet<(int Run, int Member)> _members = [];

    public bool RunTimedOut(int run) => _runs.Contains(run);

    public void MarkRun(int run) => _runs.Add(run);

    public bool MemberTimedOut(int run, int member) => _members.Contains((run, member));

    public void MarkMember(int run, int member) => _members.Add((run, member));
}
