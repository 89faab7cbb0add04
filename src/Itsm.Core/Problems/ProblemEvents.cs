using System.Collections.Immutable;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>How a problem was resolved.</summary>
/// <remarks><c>default</c> is <see cref="Fixed"/>.</remarks>
public enum ProblemResolutionCode
{
    /// <summary>The root cause was removed (often by a change).</summary>
    Fixed = 0,

    /// <summary>The cause stays; the business accepts the risk (the workaround, if any, remains the answer).</summary>
    RiskAccepted = 1,

    /// <summary>Another problem record covers the same cause.</summary>
    Duplicate = 2,

    /// <summary>The fault could not be reproduced or found.</summary>
    CannotReproduce = 3,
}

/// <summary>A value recorded on a problem (its root cause, its workaround) with who recorded it and when.</summary>
/// <param name="Text">The value, trimmed, never blank.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="At">When.</param>
public sealed record RecordedFinding(string Text, UserId By, Instant At);

/// <summary>Something that happened to a problem: its history, and the domain events of each transition.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it.</param>
public abstract record ProblemEvent(Instant At, UserId By);

/// <summary>The problem was logged with a priority decision (the incidents' matrix machinery, <see cref="PriorityPolicy"/>).</summary>
public sealed record ProblemLogged(Instant At, UserId By, PriorityDecision Decision) : ProblemEvent(At, By);

/// <summary>Investigation of the cause started.</summary>
public sealed record ProblemInvestigationStarted(Instant At, UserId By) : ProblemEvent(At, By);

/// <summary>The problem was assigned (or reassigned) to <paramref name="Assignee"/>.</summary>
public sealed record ProblemAssigned(Instant At, UserId By, UserId Assignee) : ProblemEvent(At, By);

/// <summary>An incident was linked to the problem as one of its occurrences.</summary>
public sealed record ProblemIncidentLinked(Instant At, UserId By, IncidentId Incident) : ProblemEvent(At, By);

/// <summary>The priority was changed, with the reason.</summary>
public sealed record ProblemPriorityChanged(Instant At, UserId By, PriorityDecision Decision, string Reason) : ProblemEvent(At, By);

/// <summary>The root cause was recorded (or revised).</summary>
public sealed record ProblemRootCauseRecorded(Instant At, UserId By, string RootCause) : ProblemEvent(At, By);

/// <summary>A workaround was recorded (or revised); each recording is a new revision, counted from 1.</summary>
public sealed record ProblemWorkaroundRecorded(Instant At, UserId By, string Workaround) : ProblemEvent(At, By);

/// <summary>The problem's known error was published in the known-error database as <paramref name="KnownError"/>.</summary>
public sealed record ProblemKnownErrorPublished(Instant At, UserId By, KnownErrorId KnownError) : ProblemEvent(At, By);

/// <summary>The current workaround revision was pushed to the open linked incidents that had not received it.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who pushed it.</param>
/// <param name="Revision">The workaround revision pushed (1 for the first recorded workaround).</param>
/// <param name="Incidents">The incidents it reached, ordered.</param>
public sealed record ProblemWorkaroundPushed(Instant At, UserId By, int Revision, ImmutableArray<IncidentId> Incidents) : ProblemEvent(At, By)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The problem was resolved with <paramref name="Code"/>; by the change <paramref name="Change"/> when one removed the cause.</summary>
public sealed record ProblemResolved(Instant At, UserId By, ProblemResolutionCode Code, string Notes, ChangeId? Change) : ProblemEvent(At, By);

/// <summary>The resolution was confirmed and the problem closed.</summary>
public sealed record ProblemClosed(Instant At, UserId By) : ProblemEvent(At, By);

/// <summary>The problem was cancelled (raised in error, not a problem).</summary>
public sealed record ProblemCancelled(Instant At, UserId By, string Reason) : ProblemEvent(At, By);

/// <summary>What the link to a change that resolved a problem needs to know of the change (<see cref="Problem.ResolveByChange"/>).</summary>
/// <param name="Id">The change.</param>
/// <param name="Status">Its status when the problem is resolved.</param>
/// <param name="IsAuthorisedAndImplemented">True when it altered the configuration under authorisation (<see cref="ChangeRequest.IsAuthorisedAndImplemented"/>).</param>
public sealed record ResolvingChange(ChangeId Id, ChangeStatus Status, bool IsAuthorisedAndImplemented)
{
    /// <summary>What <paramref name="change"/> tells a problem it resolves.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null.</exception>
    public static ResolvingChange Of(ChangeRequest change)
    {
        Preconditions.CheckNotNull(change);
        return new(change.Id, change.Status, change.IsAuthorisedAndImplemented);
    }
}
