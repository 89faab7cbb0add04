using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>A problem's stored form and its restore, which replays the history through <see cref="ProblemLifecycle.Table"/>.</summary>
public sealed partial class Problem
{
    private static readonly HistoryReplay<ProblemState, ProblemTransition, ProblemEvent> Replayer = new(ProblemLifecycle.Table, e => ProblemLifecycle.TransitionOf(e), e => e.At);

    /// <summary>The problem's stored form.</summary>
    public ProblemSnapshot ToSnapshot() => new(Id, Title, Service, Items, Category, LoggedAt, State, History);

    /// <summary>
    /// Restores a problem from its stored form by replaying its history through <see cref="ProblemLifecycle.Table"/>.
    /// </summary>
    /// <remarks>
    /// The history must start with the logging at <see cref="ProblemSnapshot.LoggedAt"/>, never run backwards, make only
    /// transitions the table allows from the state reached, keep the problem's own rules (an incident linked once, a
    /// push of the current workaround revision to linked incidents it had not reached, a known error published with the
    /// root cause known, a resolution by change naming the change), and end in the stored state. Linear in its length.
    /// </remarks>
    /// <returns>The problem; or Invalid with code <c>problem.history</c> naming the problem and the first record that does not fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<Problem> Restore(ProblemSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var name = $"Stored problem {snapshot.Id}";
        var problem = Replay(snapshot, name, out var restored);
        return problem is null
            ? restored!
            : Result<Problem>.Invalid(Failure.Field(nameof(ProblemSnapshot.History), problem, ProblemLifecycle.HistoryCode));
    }

    private static string? Replay(ProblemSnapshot s, string name, out Problem? restored)
    {
        restored = null;
        if (!Enum.IsDefined(s.State))
        {
            return $"{name} has the unknown state {s.State}.";
        }

        if (s.History is null || s.History.IsEmpty)
        {
            return $"{name} has no history; every stored problem starts with its logging.";
        }

        if (s.History[0] is not ProblemLogged logged || logged.At != s.LoggedAt || logged.Decision is null)
        {
            return $"{name}: history record 0 ({Describe(s.History[0])}) must be its logging at {s.LoggedAt}.";
        }

        if (string.IsNullOrWhiteSpace(s.Title) || s.Title != s.Title.Trim() || s.Service.Value is null || s.Items.IsDefault || s.Items.Any(i => i.Value is null) || !s.Items.SequenceEqual(s.Items.Distinct().Order()))
        {
            return $"{name} has a blank title, no service, or affected items that are not distinct and ordered.";
        }

        var problem = new Problem(s.Id, s.Title, s.Service, s.Items, s.Category, logged);
        var wrong = Replayer.Run(name, "problem", s.History, () => problem.State, problem.Violation, (e, _) => problem.Apply(e), Describe);
        if (wrong is not null)
        {
            return wrong;
        }

        if (problem.State != s.State)
        {
            return $"{name} is {s.State}, but its history (last record {(s.History.Count - 1).ToString(CultureInfo.InvariantCulture)}: {Describe(s.History[^1])}) leaves it {problem.State}.";
        }

        problem.History = s.History;
        restored = problem;
        return null;
    }

    /// <summary>What a stored record breaks of the problem's own rules beside the table, or null.</summary>
    private string? Violation(ProblemEvent e) => e switch
    {
        ProblemAssigned { Assignee.Value: null } => "assigns nobody",
        ProblemIncidentLinked l when l.Incident.Value == Guid.Empty || incidents.Contains(l.Incident) => "links an incident that is unassigned or already linked",
        ProblemPriorityChanged p when p.Decision is null || string.IsNullOrWhiteSpace(p.Reason) => "changes the priority without a decision or a reason",
        ProblemRootCauseRecorded r when string.IsNullOrWhiteSpace(r.RootCause) => "records a blank root cause",
        ProblemWorkaroundRecorded w when string.IsNullOrWhiteSpace(w.Workaround) => "records a blank workaround",
        ProblemKnownErrorPublished k when k.KnownError.Value == Guid.Empty || RootCause is null => "publishes a known error without its identifier or without a root cause",
        ProblemWorkaroundPushed p when p.Revision != WorkaroundRevision || WorkaroundRevision == 0 || p.Incidents.IsDefaultOrEmpty
            || p.Incidents.Any(x => !incidents.Contains(x) || HasReached(x, p.Revision)) || p.Incidents.Distinct().Count() != p.Incidents.Length
            => $"pushes workaround revision {p.Revision} (the current one is {WorkaroundRevision}) to incidents it does not link or already reached",
        ProblemResolved r when !Enum.IsDefined(r.Code) || string.IsNullOrWhiteSpace(r.Notes) || (r.Change is not null && r.Code != ProblemResolutionCode.Fixed)
            => "resolves with an unknown code, without notes, or by a change with another code than Fixed",
        ProblemCancelled c when string.IsNullOrWhiteSpace(c.Reason) => "cancels without a reason",
        _ => null,
    };
}

/// <summary>A problem's stored form: its identity, its state and its history; every other member is its history replayed.</summary>
/// <param name="Id">The problem's identifier.</param>
/// <param name="Title">A one-line summary.</param>
/// <param name="Service">The affected business service.</param>
/// <param name="Items">The affected configuration items, distinct and ordered.</param>
/// <param name="Category">The category, or null.</param>
/// <param name="LoggedAt">When it was logged.</param>
/// <param name="State">Where it is in its lifecycle.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record ProblemSnapshot(
    ProblemId Id,
    string Title,
    ConfigurationItemId Service,
    ImmutableArray<ConfigurationItemId> Items,
    string? Category,
    Instant LoggedAt,
    ProblemState State,
    ImmutableList<ProblemEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
