using System.Text.Json;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Common;
using Itsm.Core.Availability;
using Itsm.Core.Common;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IOutageRepository"/>: outages as documents with indexed item, start and "until" columns (the end, or the
/// largest value while ongoing), so a period's outages are one range of <c>ix_outages_period</c> (or of <c>ix_outages_item</c> per item);
/// read back through <see cref="OutageRecord.Restore"/>, which replays the stored history through the domain.
/// </summary>
internal sealed class SqlOutageRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<OutageId, OutageRecord, OutageSnapshot>(session, Documents, rules), IOutageRepository
{
    /// <summary>The longest reason <see cref="CorrectOutage"/> accepts (its validator's limit), held to on read as well.</summary>
    private const int MaxReasonLength = 2000;

    private static readonly AggregateDocuments<OutageId, OutageRecord, OutageSnapshot> Documents = new(
        new DocumentTable("outages", nameof(OutageSnapshot), "item", "start_at", "until_at"),
        id => id.ToString(),
        outage => outage.Id,
        outage => outage.ToSnapshot(),
        Read,
        Columns);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<OutageRecord>>> ListAsync(TenantId tenant, OutageSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var query = new SqlQuery();
        switch (specification)
        {
            case OutagesOverlapping overlapping:
                if (overlapping.Period is { } period)
                {
                    query.Where($"t.until_at > {query.Parameter(Sql.FromInstant(period.Start))}");
                    query.Where($"t.start_at < {query.Parameter(Sql.FromInstant(period.End))}");
                }

                if (overlapping.ConfigurationItems is { } items)
                {
                    query.Where(items.IsEmpty ? "1 = 0" : $"t.item IN ({query.InList(items.Select(i => (object?)i.Value))})");
                }

                return QueryAsync(tenant, query.OrderByTerms("t.start_at", "t.id").Paged(overlapping.Page), cancellationToken);
            default:
                // OutageSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The outage specification {specification.GetType().Name} has no SQL translation.");
        }
    }

    /// <summary>Reads a stored outage: each correction's reason held to the input's limit, then its history replayed (<see cref="OutageRecord.Restore"/>).</summary>
    /// <exception cref="JsonException">The document is not a valid stored outage; the message says why.</exception>
    private static OutageRecord Read(OutageSnapshot snapshot, StoredRecordRules rules)
    {
        if ((snapshot.History ?? []).OfType<OutageCorrected>().FirstOrDefault(c => c.Reason is { Length: > MaxReasonLength }) is { } longReason)
        {
            throw new JsonException($"the reason of its correction at {longReason.At} has {longReason.Reason.Length} characters, more than the {MaxReasonLength} a correction may give.");
        }

        var restored = OutageRecord.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new JsonException(restored.ValidationErrors.First().ErrorMessage);
    }

    /// <summary>
    /// The item, the start, and the end or <see cref="long.MaxValue"/> while ongoing (outages lie within 1900 to 2150, so no end is
    /// clamped to it), as the history says: the details of the latest recording or correction, with any later end.
    /// </summary>
    private static object?[] Columns(OutageSnapshot snapshot)
    {
        OutageDetails? details = null;
        foreach (var e in snapshot.History)
        {
            details = e switch
            {
                OutageRecorded recorded => recorded.Details,
                OutageCorrected corrected => corrected.Details,
                OutageEnded ended when details is not null => details with { End = ended.End },
                _ => details,
            };
        }

        return details is null ? [null, null, null] : [details.Item.Value, Sql.FromInstant(details.Start), details.End is { } end ? Sql.FromInstant(end) : long.MaxValue];
    }
}

/// <summary>The relational <see cref="IAvailabilityTargetRepository"/>: each service's targets as one document keyed by the service; read back through <see cref="ServiceAvailabilityTargets.Restore"/>.</summary>
internal sealed class SqlAvailabilityTargetRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<ConfigurationItemId, ServiceAvailabilityTargets, ServiceAvailabilityTargetsSnapshot>(session, Documents, rules), IAvailabilityTargetRepository
{
    private static readonly AggregateDocuments<ConfigurationItemId, ServiceAvailabilityTargets, ServiceAvailabilityTargetsSnapshot> Documents = new(
        new DocumentTable("availability_targets", nameof(ServiceAvailabilityTargetsSnapshot)),
        id => id.Value,
        targets => targets.Service,
        targets => targets.ToSnapshot(),
        (snapshot, _) => ServiceAvailabilityTargets.Restore(snapshot) is { IsSuccess: true } restored ? restored.Value : throw new JsonException(string.Join(" ", ServiceAvailabilityTargets.Restore(snapshot).ValidationErrors.Select(e => e.ErrorMessage))),
        _ => []);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;
}
