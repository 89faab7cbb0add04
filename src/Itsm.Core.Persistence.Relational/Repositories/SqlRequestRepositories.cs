using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Requests;
using Itsm.Core.Common;
using Itsm.Core.Requests;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IRequestItemRepository"/>: each catalogue item as a document with an indexed service column, read back
/// through <see cref="RequestItem.Define"/> (the converter) after the item is held to its input's rules.
/// </summary>
internal sealed class SqlRequestItemRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<RequestItemId, RequestItem, RequestItem>(session, Documents, rules), IRequestItemRepository
{
    private static readonly AggregateDocuments<RequestItemId, RequestItem, RequestItem> Documents = new(
        new DocumentTable("request_items", nameof(RequestItem), "service"),
        id => id.Value,
        item => item.Id,
        item => item,
        (item, rules) => ReadBack.Valid(item, rules.Check(item)),
        item => [item.Service.Value]);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<RequestItem>>> ListAsync(TenantId tenant, ConfigurationItemId? service, CancellationToken cancellationToken)
    {
        var query = new SqlQuery();
        if (service is { } s)
        {
            query.Where($"t.service = {query.Parameter(s.Value)}");
        }

        return QueryAsync(tenant, query.OrderByTerms("t.id"), cancellationToken);
    }
}

/// <summary>
/// The relational <see cref="IServiceRequestRepository"/>: requests as documents with indexed state, service, requester and submission
/// columns, read back through <see cref="ServiceRequest.Restore"/>, which replays the stored history through the domain's rules; each
/// <see cref="ServiceRequestSpecification"/> type is translated to SQL from its properties.
/// </summary>
internal sealed class SqlServiceRequestRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<ServiceRequestId, ServiceRequest, ServiceRequestSnapshot>(session, Documents, rules), IServiceRequestRepository
{
    private static readonly AggregateDocuments<ServiceRequestId, ServiceRequest, ServiceRequestSnapshot> Documents = new(
        new DocumentTable("service_requests", nameof(ServiceRequestSnapshot), "state", "service", "requester", "submitted_at"),
        id => id.ToString(),
        request => request.Id,
        request => request.ToSnapshot(),
        Read,
        Columns);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<ServiceRequest>>> ListAsync(TenantId tenant, ServiceRequestSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return QueryAsync(tenant, Translate(specification), cancellationToken);
    }

    /// <summary>Reads a stored request: held to its input's rules (<see cref="StoredRecordRules.Check(ServiceRequestSnapshot)"/>), then its history replayed (<see cref="ServiceRequest.Restore"/>).</summary>
    /// <exception cref="InvalidDataException">The stored request breaks a rule; the message says which.</exception>
    private static ServiceRequest Read(ServiceRequestSnapshot snapshot, StoredRecordRules rules)
    {
        var restored = ServiceRequest.Restore(ReadBack.Valid(snapshot, rules.Check(snapshot)));
        return restored.IsSuccess ? restored.Value : throw new InvalidDataException(restored.ValidationErrors.First().ErrorMessage);
    }

    private static object?[] Columns(ServiceRequestSnapshot snapshot) =>
    [
        snapshot.State.ToString(),
        snapshot.Item.Service.Value,
        snapshot.History[0].By.Value,
        Sql.FromInstant(snapshot.SubmittedAt),
    ];

    /// <summary>One translation per specification type, from its properties; the specification contract test runs every one against Ardalis's in-memory evaluator.</summary>
    private static SqlQuery Translate(ServiceRequestSpecification specification)
    {
        var query = new SqlQuery();
        switch (specification)
        {
            case ServiceRequestsBySubmission list:
                if (list.States is { } states)
                {
                    Filter(query, states);
                }

                if (list.Service is { } service)
                {
                    query.Where($"t.service = {query.Parameter(service.Value)}");
                }

                if (list.Requester is { } requester)
                {
                    query.Where($"t.requester = {query.Parameter(requester.Value)}");
                }

                return query.OrderByTerms("t.submitted_at", "t.id").Paged(list.Page);
            default:
                // ServiceRequestSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The service request specification {specification.GetType().Name} has no SQL translation.");
        }
    }

    private static void Filter(SqlQuery query, ImmutableArray<ServiceRequestState> states)
    {
        if (states.IsEmpty)
        {
            query.Where("1 = 0");
            return;
        }

        query.Where($"t.state IN ({query.InList(states.Select(s => (object?)s.ToString()))})");
    }
}
