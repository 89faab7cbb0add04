using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Problems;
using NodaTime;

namespace Itsm.Core.Application.Problems;

/// <summary>
/// Logs a problem: decides its priority with the registered <see cref="Core.Incidents.PriorityPolicy"/> (the incidents'
/// matrix machinery) and stores it in <see cref="ProblemState.Logged"/>. Answers the problem at version 1.
/// </summary>
/// <param name="Context">Who logs it, for which tenant.</param>
/// <param name="Title">What keeps going wrong, in one line.</param>
/// <param name="Service">The affected business service.</param>
/// <param name="Impact">The impact level (1 widest).</param>
/// <param name="Urgency">The urgency level (1 most urgent).</param>
public sealed record LogProblem(RequestContext Context, string Title, ConfigurationItemId Service, int Impact, int Urgency) : ICommand<Result<Versioned<Problem>>>
{
    /// <summary>The affected configuration items, when known (empty while the cause is unknown).</summary>
    public ImmutableArray<ConfigurationItemId> Items { get; init; } = [];

    /// <summary>A category, or null.</summary>
    public string? Category { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// A command on one existing problem, with optional client-side optimistic concurrency. Answers the problem as the command
/// left it, with its new version, so a caller needs no query after it.
/// </summary>
/// <param name="Context">Who acts, for which tenant.</param>
/// <param name="Problem">The problem.</param>
public abstract record ProblemCommand(RequestContext Context, ProblemId Problem) : ICommand<Result<Versioned<Problem>>>
{
    /// <summary>When set, the command fails with <c>Conflict</c> (<c>problem.version-conflict</c>) unless the stored problem is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Starts the investigation: Logged -> UnderInvestigation.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
public sealed record InvestigateProblem(RequestContext Context, ProblemId Problem) : ProblemCommand(Context, Problem);

/// <summary>Assigns (or reassigns) an open problem.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
/// <param name="Assignee">Who works on it.</param>
public sealed record AssignProblem(RequestContext Context, ProblemId Problem, UserId Assignee) : ProblemCommand(Context, Problem);

/// <summary>Records (or revises) the root cause: UnderInvestigation -> RootCauseKnown.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
/// <param name="RootCause">What causes the incidents.</param>
public sealed record RecordRootCause(RequestContext Context, ProblemId Problem, string RootCause) : ProblemCommand(Context, Problem);

/// <summary>Records (or revises) the workaround, a new revision each time.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
/// <param name="Workaround">How users get service back while the cause stays.</param>
public sealed record RecordWorkaround(RequestContext Context, ProblemId Problem, string Workaround) : ProblemCommand(Context, Problem);

/// <summary>
/// Publishes the problem's known error: RootCauseKnown -> KnownError, and a new published <see cref="KnownError"/> record in
/// the known-error database carrying the problem's root cause, workaround, items, service and category.
/// </summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
/// <param name="Symptom">What users see (what matching reads beside the title).</param>
public sealed record PublishKnownError(RequestContext Context, ProblemId Problem, string Symptom) : ProblemCommand(Context, Problem)
{
    /// <summary>An error code users see (such as <c>ORA-01555</c>), or null.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>When the record stops applying, or null for open-ended.</summary>
    public Instant? ValidUntil { get; init; }
}

/// <summary>Resolves the problem by the implemented change that removed its cause (code Fixed).</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
/// <param name="Change">The change.</param>
public sealed record ResolveProblemByChange(RequestContext Context, ProblemId Problem, ChangeId Change) : ProblemCommand(Context, Problem)
{
    /// <summary>What the change did, or null for a note naming the change.</summary>
    public string? Notes { get; init; }
}

/// <summary>Resolves the problem with a resolution code and notes.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
/// <param name="Code">How it was resolved.</param>
/// <param name="Notes">What was done or decided.</param>
public sealed record ResolveProblem(RequestContext Context, ProblemId Problem, ProblemResolutionCode Code, string Notes) : ProblemCommand(Context, Problem);

/// <summary>Closes a resolved problem.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
public sealed record CloseProblem(RequestContext Context, ProblemId Problem) : ProblemCommand(Context, Problem);

/// <summary>Cancels an open problem.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Problem">The problem.</param>
/// <param name="Reason">Why.</param>
public sealed record CancelProblem(RequestContext Context, ProblemId Problem, string Reason) : ProblemCommand(Context, Problem);

/// <summary>
/// Pushes the problem's current workaround to its open linked incidents that have not received it yet: each gets one note,
/// and under <see cref="WorkaroundPushPolicy.ResolveWhereAllowed"/> is resolved with it where its lifecycle allows. A second
/// push of the same revision reaches nobody and stores nothing. Answers what the push did with the problem's version after it.
/// </summary>
/// <param name="Context">Who acts, for which tenant.</param>
/// <param name="Problem">The problem.</param>
public sealed record PushWorkaround(RequestContext Context, ProblemId Problem) : ICommand<Result<Versioned<WorkaroundPush>>>
{
    /// <summary>Whether the incidents only get the note or are also resolved; <see cref="WorkaroundPushPolicy.NoteOnly"/> unless set.</summary>
    public WorkaroundPushPolicy Policy { get; init; }

    /// <summary>When set, the command fails with <c>Conflict</c> (<c>problem.version-conflict</c>) unless the stored problem is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}
