using System.Collections.Immutable;
using Ardalis.Specification;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Availability;

/// <summary>The queries <see cref="IOutageRepository.ListAsync"/> runs: a closed family of named, sealed Ardalis specifications over <see cref="OutageRecord"/> (<see cref="OutagesOverlapping"/>).</summary>
/// <remarks>Each states its criteria, a total order ending with the identifier, and its page, from get-only properties; only this library derives from it. Immutable and thread-safe.</remarks>
public abstract class OutageSpecification : Specification<OutageRecord>
{
    private protected OutageSpecification()
    {
    }
}

/// <summary>
/// Outages that share some time with <see cref="Period"/> (half-open: starting before its end and not ended by its start; an ongoing
/// outage has not ended), of some items when given, by <see cref="OutageRecord.Start"/> then <see cref="OutageRecord.Id"/>, paged by
/// <see cref="Page"/>.
/// </summary>
/// <remarks>Immutable and thread-safe. An empty <see cref="ConfigurationItems"/> matches nothing.</remarks>
public sealed class OutagesOverlapping : OutageSpecification
{
    /// <summary>Creates the specification; null arguments do not filter.</summary>
    /// <param name="period">Only outages overlapping this period; it must have both ends.</param>
    /// <param name="items">Only outages of these items.</param>
    /// <param name="page">The page to return, or null for every match.</param>
    /// <exception cref="ArgumentException"><paramref name="period"/> lacks a start or an end, or <paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    public OutagesOverlapping(Interval? period = null, IEnumerable<ConfigurationItemId>? items = null, PageRequest? page = null)
    {
        if (period is { } p && (!p.HasStart || !p.HasEnd))
        {
            throw new ArgumentException($"The period {p} must have a start and an end.", nameof(period));
        }

        Period = period;
        ConfigurationItems = items?.Distinct().Order().ToImmutableArray();
        Page = SpecificationPaging.Checked(page, nameof(page));
        if (period is { } bounded)
        {
            var (start, end) = (bounded.Start, bounded.End);
            Query.Where(o => o.Start < end && (o.End == null || o.End > start));
        }

        if (ConfigurationItems is { } accepted)
        {
            var array = accepted.ToArray();
            Query.Where(o => Enumerable.Contains(array, o.Item));
        }

        Query.OrderBy(o => o.Start).ThenBy(o => o.Id);
        Query.Paged(Page);
    }

    /// <summary>The period, or null for any time.</summary>
    public Interval? Period { get; }

    /// <summary>The items, distinct and ordered, or null for any item.</summary>
    public ImmutableArray<ConfigurationItemId>? ConfigurationItems { get; }

    /// <summary>The page returned, or null for every match.</summary>
    public PageRequest? Page { get; }
}
