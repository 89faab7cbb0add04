using System.Collections.Immutable;
using Ardalis.Specification;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Changes;

/// <summary>
/// The queries <see cref="IChangeRepository.ListAsync"/> and <see cref="ListChanges"/> run: a closed
/// family of named, sealed Ardalis specifications over <see cref="ChangeRequestSnapshot"/>
/// (<see cref="ChangesByWindowStart"/>, <see cref="ChangesNewestFirst"/>, <see cref="ChangesOverlapping"/>,
/// <see cref="ChangesAffecting"/>, <see cref="ChangesImplementedBetween"/>).
/// </summary>
/// <remarks>
/// <para>
/// Each specification states its criteria, a total ordering (ending with the change identifier) and
/// its paging in its constructor, from parameters it exposes as get-only properties. Ardalis's
/// in-memory evaluator runs it, an EF Core port runs it with <c>Ardalis.Specification.EntityFrameworkCore</c>,
/// and the library's SQL adapters translate it from its properties; a contract test holds all three
/// to the same records in the same order and page.
/// </para>
/// <para>
/// Statuses come from the one lifecycle table: <see cref="ChangeLifecycle.OpenStatuses"/> selects the open changes and
/// <see cref="ChangeLifecycle.CalendarStatuses"/> those on the change calendar, in memory and in every SQL adapter alike.
/// Windows and periods are half-open <c>[start, end)</c>. Only this library can derive from this
/// class. Instances are immutable once constructed and thread-safe to share.
/// </para>
/// </remarks>
public abstract class ChangeSpecification : Specification<ChangeRequestSnapshot>
{
    private protected ChangeSpecification()
    {
    }

    /// <summary>Keeps changes in one of <paramref name="statuses"/>.</summary>
    private protected void WithStatusIn(ImmutableArray<ChangeStatus> statuses)
    {
        var array = statuses.ToArray();
        Query.Where(c => Enumerable.Contains(array, c.Status));
    }

    /// <summary>Keeps changes touching at least one of <paramref name="items"/> (none when it is empty).</summary>
    private protected void AffectingAny(ImmutableArray<ConfigurationItemId> items)
    {
        var array = items.ToArray();
        Query.Where(c => Enumerable.Any(c.AffectedItems, i => Enumerable.Contains(array, i)));
    }

    /// <summary>A defensive, duplicate-free copy of <paramref name="values"/>.</summary>
    private protected static ImmutableArray<T> Copy<T>(IEnumerable<T> values, string paramName) =>
        [.. Preconditions.CheckNotNull(values, paramName).Distinct()];
}

/// <summary>
/// The change list: changes matching every given filter (status, affected item, requester, type; a null
/// filter does not filter), ordered by planned window start, then by <see cref="ChangeRequestSnapshot.Id"/>,
/// and paged by <see cref="Page"/> when given.
/// </summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="Statuses"/> or <see cref="ConfigurationItems"/> matches no change.</remarks>
public sealed class ChangesByWindowStart : ChangeSpecification
{
    /// <summary>Creates the specification; null arguments do not filter.</summary>
    /// <param name="statuses">Only changes in one of these statuses.</param>
    /// <param name="items">Only changes touching at least one of these configuration items.</param>
    /// <param name="requester">Only changes raised by this user.</param>
    /// <param name="type">Only changes of this type.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public ChangesByWindowStart(
        IEnumerable<ChangeStatus>? statuses = null,
        IEnumerable<ConfigurationItemId>? items = null,
        UserId? requester = null,
        ChangeType? type = null,
        PageRequest? page = null)
    {
        Statuses = statuses is null ? null : Copy(statuses, nameof(statuses));
        ConfigurationItems = items is null ? null : Copy(items, nameof(items));
        Requester = requester;
        Type = type;
        Page = SpecificationPaging.Checked(page, nameof(page));
        if (Statuses is { } only)
        {
            WithStatusIn(only);
        }

        if (ConfigurationItems is { } touched)
        {
            AffectingAny(touched);
        }

        if (requester is { } by)
        {
            Query.Where(c => c.Requester == by);
        }

        if (type is { } kind)
        {
            Query.Where(c => c.Type == kind);
        }

        Query.OrderBy(c => c.PlannedWindow.Start).ThenBy(c => c.Id);
        Query.Paged(Page);
    }

    /// <summary>The accepted statuses, or null for any.</summary>
    public ImmutableArray<ChangeStatus>? Statuses { get; }

    /// <summary>The configuration items of which a change must touch at least one, or null for any.</summary>
    public ImmutableArray<ConfigurationItemId>? ConfigurationItems { get; }

    /// <summary>The requester, or null for any.</summary>
    public UserId? Requester { get; }

    /// <summary>The change type, or null for any.</summary>
    public ChangeType? Type { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}

/// <summary>
/// Recently raised changes: every change (of <see cref="Requester"/> when given), newest
/// <see cref="ChangeRequestSnapshot.RaisedAt"/> first, then by <see cref="ChangeRequestSnapshot.Id"/>
/// ascending, paged by <see cref="Page"/> when given.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ChangesNewestFirst : ChangeSpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="requester">Only changes raised by this user, or null for any.</param>
    /// <param name="page">The page to return, or null for every change.</param>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public ChangesNewestFirst(UserId? requester = null, PageRequest? page = null)
    {
        Requester = requester;
        Page = SpecificationPaging.Checked(page, nameof(page));
        if (requester is { } by)
        {
            Query.Where(c => c.Requester == by);
        }

        Query.OrderByDescending(c => c.RaisedAt).ThenBy(c => c.Id);
        Query.Paged(Page);
    }

    /// <summary>The requester, or null for any.</summary>
    public UserId? Requester { get; }

    /// <summary>The page returned, or null for every change.</summary>
    public PageRequest? Page { get; }
}

/// <summary>
/// The change calendar's question: changes in one of <see cref="Statuses"/> whose planned window
/// overlaps <see cref="Period"/> (both half-open: the window starts before the period ends and ends
/// after it starts), ordered by window start, then by <see cref="ChangeRequestSnapshot.Id"/>; not paged.
/// </summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="Statuses"/> matches no change.</remarks>
public sealed class ChangesOverlapping : ChangeSpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="statuses">The accepted statuses.</param>
    /// <param name="period">The period; both ends must be finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="statuses"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="period"/> is unbounded at either end.</exception>
    public ChangesOverlapping(IEnumerable<ChangeStatus> statuses, Interval period)
    {
        Statuses = Copy(statuses, nameof(statuses));
        Preconditions.CheckArgument(period.HasStart && period.HasEnd, nameof(period), "The period must have a start and an end.");
        Period = period;
        var start = period.Start;
        var end = period.End;
        WithStatusIn(Statuses);
        Query.Where(c => c.PlannedWindow.Start < end && start < c.PlannedWindow.End);
        Query.OrderBy(c => c.PlannedWindow.Start).ThenBy(c => c.Id);
    }

    /// <summary>The accepted statuses.</summary>
    public ImmutableArray<ChangeStatus> Statuses { get; }

    /// <summary>The period the planned window must overlap.</summary>
    public Interval Period { get; }
}

/// <summary>
/// Change history of configuration items: changes in one of <see cref="Statuses"/> that touch at least
/// one of <see cref="ConfigurationItems"/>, ordered by <see cref="ChangeRequestSnapshot.Id"/>; not paged.
/// </summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="Statuses"/> or <see cref="ConfigurationItems"/> matches no change.</remarks>
public sealed class ChangesAffecting : ChangeSpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="statuses">The accepted statuses.</param>
    /// <param name="items">The configuration items.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ChangesAffecting(IEnumerable<ChangeStatus> statuses, IEnumerable<ConfigurationItemId> items)
    {
        Statuses = Copy(statuses, nameof(statuses));
        ConfigurationItems = Copy(items, nameof(items));
        WithStatusIn(Statuses);
        AffectingAny(ConfigurationItems);
        Query.OrderBy(c => c.Id);
    }

    /// <summary>The accepted statuses.</summary>
    public ImmutableArray<ChangeStatus> Statuses { get; }

    /// <summary>The configuration items of which a change must touch at least one.</summary>
    public ImmutableArray<ConfigurationItemId> ConfigurationItems { get; }
}

/// <summary>
/// Changes on these items in this window, as configuration audits ask: changes touching at least one of
/// <see cref="ConfigurationItems"/> whose implementation ended (implemented or failed) in (<see cref="After"/>,
/// <see cref="UpTo"/>], ordered by <see cref="ChangeRequestSnapshot.ImplementationEndedAt"/>, then by
/// <see cref="ChangeRequestSnapshot.Id"/>; not paged. Whether a change was authorised is the caller's question.
/// </summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="ConfigurationItems"/> matches no change.</remarks>
public sealed class ChangesImplementedBetween : ChangeSpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="items">The configuration items.</param>
    /// <param name="after">The exclusive start of the period.</param>
    /// <param name="upTo">The inclusive end of the period.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public ChangesImplementedBetween(IEnumerable<ConfigurationItemId> items, Instant after, Instant upTo)
    {
        ConfigurationItems = Copy(items, nameof(items));
        After = after;
        UpTo = upTo;
        AffectingAny(ConfigurationItems);
        Query.Where(c => c.ImplementationEndedAt != null && c.ImplementationEndedAt > after && c.ImplementationEndedAt <= upTo);
        Query.OrderBy(c => c.ImplementationEndedAt).ThenBy(c => c.Id);
    }

    /// <summary>The configuration items of which a change must touch at least one.</summary>
    public ImmutableArray<ConfigurationItemId> ConfigurationItems { get; }

    /// <summary>The exclusive start of the period.</summary>
    public Instant After { get; }

    /// <summary>The inclusive end of the period.</summary>
    public Instant UpTo { get; }
}
