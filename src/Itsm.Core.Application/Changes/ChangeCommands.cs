using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Changes;

/// <summary>Raises a change request in Draft and answers it at version 1. A standard change names a template of the catalogue and follows its plans (giving plans is Invalid).</summary>
/// <param name="Context">Tenant and acting user (the requester).</param>
/// <param name="Type">Standard, normal or emergency.</param>
/// <param name="Title">A one-line summary.</param>
/// <param name="AffectedItems">The configuration items it touches; at least one.</param>
/// <param name="Window">The planned window, as the domain takes it: start inclusive, end exclusive and after the start.</param>
/// <param name="Plans">How it is done, tested and undone (<see cref="ChangePlans.Create"/> from untrusted text); required for a normal or emergency change, absent for a standard change (its template supplies them). A missing test or backout plan raises the risk.</param>
/// <param name="Template">The standard change template's name; only for standard changes.</param>
public sealed record RaiseChange(
    RequestContext Context,
    ChangeType Type,
    string Title,
    IReadOnlyList<ConfigurationItemId> AffectedItems,
    Interval Window,
    ChangePlans? Plans = null,
    string? Template = null) : ICommand<Result<Versioned<ChangeRequestSnapshot>>>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// A command on one existing change, with optional client-side optimistic concurrency. Answers the change as the
/// command left it (its snapshot, with its new version), so a caller needs no query after it.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
public abstract record ChangeCommand(RequestContext Context, ChangeId Change) : ICommand<Result<Versioned<ChangeRequestSnapshot>>>
{
    /// <summary>When set, the command fails with <c>Conflict</c> unless the stored change is at this version (the one the user saw).</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Draft -> Submitted.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
public sealed record SubmitChange(RequestContext Context, ChangeId Change) : ChangeCommand(Context, Change);

/// <summary>
/// Assesses the change's risk with the configured <see cref="RiskModel"/>: impact from the CMDB port, failure history
/// from past changes on the same items, maintenance and blackout windows, conflicts with other approved or scheduled changes.
/// The answer's <see cref="ChangeRequestSnapshot.Assessment"/> is the explained assessment.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
public sealed record AssessChangeRisk(RequestContext Context, ChangeId Change) : ChangeCommand(Context, Change);

/// <summary>Records the acting user's approval, with the authority the directory says they hold. Forbidden for the requester.</summary>
/// <param name="Context">Tenant and acting user (the approver).</param>
/// <param name="Change">The change.</param>
/// <param name="Reason">Why they approve.</param>
public sealed record ApproveChange(RequestContext Context, ChangeId Change, string Reason) : ChangeCommand(Context, Change);

/// <summary>Rejects the change. Forbidden for the requester and for users without the required authority.</summary>
/// <param name="Context">Tenant and acting user (the approver).</param>
/// <param name="Change">The change.</param>
/// <param name="Reason">Why they reject.</param>
public sealed record RejectChange(RequestContext Context, ChangeId Change, string Reason) : ChangeCommand(Context, Change);

/// <summary>Approved -> Scheduled. Conflict when the window now conflicts with another approved, scheduled or implementing change.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
public sealed record ScheduleChange(RequestContext Context, ChangeId Change) : ChangeCommand(Context, Change);

/// <summary>Scheduled -> Implementing.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
public sealed record StartImplementation(RequestContext Context, ChangeId Change) : ChangeCommand(Context, Change);

/// <summary>Implementing -> Implemented.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
/// <param name="Notes">Optional notes on the outcome.</param>
public sealed record CompleteChange(RequestContext Context, ChangeId Change, string? Notes = null) : ChangeCommand(Context, Change);

/// <summary>Implementing -> Failed, with the remediation.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
/// <param name="Remediation">Backed out or fixed forward.</param>
/// <param name="Notes">What went wrong and what was done.</param>
public sealed record FailChange(RequestContext Context, ChangeId Change, FailureRemediation Remediation, string Notes) : ChangeCommand(Context, Change);

/// <summary>Implemented or Failed -> Reviewed (post-implementation review).</summary>
/// <param name="Context">Tenant and acting user (the reviewer).</param>
/// <param name="Change">The change.</param>
/// <param name="Findings">What the review found.</param>
public sealed record ReviewChange(RequestContext Context, ChangeId Change, string Findings) : ChangeCommand(Context, Change);

/// <summary>Closes the change (from Reviewed, Rejected, or Implemented when no review is required).</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
public sealed record CloseChange(RequestContext Context, ChangeId Change) : ChangeCommand(Context, Change);

/// <summary>The change with its stored version.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Change">The change.</param>
public sealed record GetChange(RequestContext Context, ChangeId Change) : IQuery<Result<Versioned<ChangeRequestSnapshot>>>;

/// <summary>The changes a specification selects, in its order and page (for instance <see cref="ChangesByWindowStart"/>).</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Specification">One of the library's change specifications: criteria, total ordering and paging.</param>
public sealed record ListChanges(RequestContext Context, ChangeSpecification Specification) : IQuery<Result<IReadOnlyList<ChangeRequestSnapshot>>>;

/// <summary>Schedule conflicts among the approved, scheduled and implementing changes whose windows overlap a period.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="PeriodStart">Start of the period (inclusive).</param>
/// <param name="PeriodEnd">End of the period (exclusive).</param>
public sealed record FindScheduleConflicts(RequestContext Context, Instant PeriodStart, Instant PeriodEnd) : IQuery<Result<IReadOnlyList<ScheduleConflict>>>;

/// <summary>The change calendar of a period: planned changes, their conflicts and the blackout windows of the touched items.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="PeriodStart">Start of the period (inclusive).</param>
/// <param name="PeriodEnd">End of the period (exclusive).</param>
public sealed record GetChangeCalendar(RequestContext Context, Instant PeriodStart, Instant PeriodEnd) : IQuery<Result<ChangeCalendar>>;

/// <summary>Implemented, authorised changes on an item whose implementation ended in (<c>After</c>, <c>UpTo</c>], as a configuration audit matches them.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Item">The configuration item.</param>
/// <param name="After">Start of the period (exclusive).</param>
/// <param name="UpTo">End of the period (inclusive).</param>
public sealed record ListAuthorisedChanges(RequestContext Context, ConfigurationItemId Item, Instant After, Instant UpTo) : IQuery<Result<IReadOnlyList<ImplementedChange>>>;

/// <summary>One change on the change calendar.</summary>
/// <param name="Change">The change.</param>
/// <param name="Title">Its title.</param>
/// <param name="Type">Its type.</param>
/// <param name="Status">Its status.</param>
/// <param name="Window">Its planned window.</param>
/// <param name="Items">The items it touches.</param>
/// <param name="Risk">Its assessed risk class, or null before assessment.</param>
public sealed record ChangeCalendarEntry(ChangeId Change, string Title, ChangeType Type, ChangeStatus Status, Interval Window, IReadOnlyList<ConfigurationItemId> Items, RiskClass? Risk)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The change calendar of a period.</summary>
/// <param name="Period">The period.</param>
/// <param name="Entries">Approved, scheduled, implementing and implemented changes overlapping it, by window start.</param>
/// <param name="Conflicts">Conflicts among the entries that are not yet implemented.</param>
/// <param name="Blackouts">Blackout windows of the touched items overlapping the period.</param>
public sealed record ChangeCalendar(Interval Period, IReadOnlyList<ChangeCalendarEntry> Entries, IReadOnlyList<ScheduleConflict> Conflicts, IReadOnlyList<BlackoutWindow> Blackouts)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
