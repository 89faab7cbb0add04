using System.Collections.Immutable;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Changes;

/// <summary>
/// Which changes to list: typed criteria (translatable to SQL by adapters), orderings and paging,
/// composed fluently: <c>new ChangeSpecification().WithStatus(ChangeStatus.Scheduled).Overlapping(window).OrderByWindowStart()</c>.
/// </summary>
/// <remarks>Not thread-safe while being built; treat as immutable once passed to a repository.</remarks>
public sealed class ChangeSpecification : Specification<ChangeRequestSnapshot>
{
    /// <summary>Orders by planned window start.</summary>
    public static readonly SortKey<ChangeRequestSnapshot> WindowStart = new("window-start", c => c.PlannedWindow.Start);

    /// <summary>Orders by the instant the change was raised.</summary>
    public static readonly SortKey<ChangeRequestSnapshot> RaisedAt = new("raised-at", c => c.RaisedAt);

    /// <summary>Orders by change identifier (the tie-breaker).</summary>
    public static readonly SortKey<ChangeRequestSnapshot> Id = new("id", c => c.Id.Value);

    /// <summary>Keeps changes in one of <paramref name="statuses"/>.</summary>
    public ChangeSpecification WithStatus(params ChangeStatus[] statuses)
    {
        Where(new StatusIn([.. statuses]));
        return this;
    }

    /// <summary>Keeps changes of <paramref name="type"/>.</summary>
    public ChangeSpecification OfType(ChangeType type)
    {
        Where(new TypeIs(type));
        return this;
    }

    /// <summary>Keeps changes raised by <paramref name="requester"/>.</summary>
    public ChangeSpecification RequestedBy(UserId requester)
    {
        Where(new RequesterIs(requester));
        return this;
    }

    /// <summary>Keeps changes that touch at least one of <paramref name="items"/>.</summary>
    public ChangeSpecification AffectingAny(IEnumerable<ConfigurationItemId> items)
    {
        Where(new AffectsAny([.. Preconditions.CheckNotNull(items)]));
        return this;
    }

    /// <summary>Keeps changes whose planned window overlaps <paramref name="period"/> (half-open).</summary>
    public ChangeSpecification Overlapping(Interval period)
    {
        Where(new WindowOverlaps(period));
        return this;
    }

    /// <summary>Keeps changes whose implementation ended (implemented or failed) after <paramref name="after"/> and at or before <paramref name="upTo"/>.</summary>
    public ChangeSpecification EndedBetween(Instant after, Instant upTo)
    {
        Where(new ImplementationEndedBetween(after, upTo));
        return this;
    }

    /// <summary>Orders by planned window start, then identifier.</summary>
    public ChangeSpecification OrderByWindowStart()
    {
        OrderBy(WindowStart);
        OrderBy(Id);
        return this;
    }

    /// <summary>Orders by raising instant, newest first, then identifier.</summary>
    public ChangeSpecification OrderByNewest()
    {
        OrderBy(RaisedAt, descending: true);
        OrderBy(Id);
        return this;
    }

    /// <summary>Returns one page.</summary>
    public ChangeSpecification Paged(PageRequest page)
    {
        Paginate(page);
        return this;
    }

    /// <summary>Status is one of <paramref name="Statuses"/>.</summary>
    public sealed record StatusIn(ImmutableArray<ChangeStatus> Statuses) : ICriterion<ChangeRequestSnapshot>
    {
        /// <inheritdoc/>
        public bool IsSatisfiedBy(ChangeRequestSnapshot candidate) => Statuses.Contains(candidate.Status);
    }

    /// <summary>Type equals <paramref name="Type"/>.</summary>
    public sealed record TypeIs(ChangeType Type) : ICriterion<ChangeRequestSnapshot>
    {
        /// <inheritdoc/>
        public bool IsSatisfiedBy(ChangeRequestSnapshot candidate) => candidate.Type == Type;
    }

    /// <summary>Requester equals <paramref name="Requester"/>.</summary>
    public sealed record RequesterIs(UserId Requester) : ICriterion<ChangeRequestSnapshot>
    {
        /// <inheritdoc/>
        public bool IsSatisfiedBy(ChangeRequestSnapshot candidate) => candidate.Requester == Requester;
    }

    /// <summary>Touches at least one of <paramref name="Items"/>.</summary>
    public sealed record AffectsAny(ImmutableArray<ConfigurationItemId> Items) : ICriterion<ChangeRequestSnapshot>
    {
        /// <inheritdoc/>
        public bool IsSatisfiedBy(ChangeRequestSnapshot candidate) => candidate.AffectedItems.Any(Items.Contains);
    }

    /// <summary>Planned window overlaps <paramref name="Period"/> (half-open on both sides).</summary>
    public sealed record WindowOverlaps(Interval Period) : ICriterion<ChangeRequestSnapshot>
    {
        /// <inheritdoc/>
        public bool IsSatisfiedBy(ChangeRequestSnapshot candidate) =>
            candidate.PlannedWindow.Start < Period.End && Period.Start < candidate.PlannedWindow.End;
    }

    /// <summary>Implementation ended in (<paramref name="After"/>, <paramref name="UpTo"/>], the period convention of configuration audits.</summary>
    public sealed record ImplementationEndedBetween(Instant After, Instant UpTo) : ICriterion<ChangeRequestSnapshot>
    {
        /// <inheritdoc/>
        public bool IsSatisfiedBy(ChangeRequestSnapshot candidate) =>
            candidate.ImplementationEndedAt is { } ended && ended > After && ended <= UpTo;
    }
}
