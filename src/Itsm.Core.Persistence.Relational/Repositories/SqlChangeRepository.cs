using System.Collections.Immutable;
using System.Data.Common;
using System.Text.Json;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IChangeRepository"/>: change requests as documents with indexed status,
/// type, requester, window and implementation-end columns, and their affected items in
/// <c>change_items</c> so "changes affecting any of these items" is an indexed join.
/// </summary>
internal sealed class SqlChangeRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<ChangeId, ChangeRequest, ChangeRequestSnapshot>(session, Documents, rules), IChangeRepository
{
    private static readonly AggregateDocuments<ChangeId, ChangeRequest, ChangeRequestSnapshot> Documents = new(
        new DocumentTable("changes", nameof(ChangeRequestSnapshot), "status", "change_type", "requester", "window_start", "window_end", "raised_at", "implementation_ended_at")
            .WithChildSet("change_items", "change_id", "item"),
        id => id.ToString(),
        change => change.Id,
        change => change.ToSnapshot(),
        Read,
        Columns,
        change => [.. Columns(change.ToSnapshot()), DocumentTable.SetText(change.AffectedItems.Select(i => i.Value))]);

    /// <summary>The read-back check of this table (its <c>change_items</c> rows included), for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Versioned<ChangeRequestSnapshot>>> ListAsync(TenantId tenant, ChangeSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var changes = await QueryAsync(tenant, Translate(specification), cancellationToken).ConfigureAwait(false);
        return [.. changes.Select(v => new Versioned<ChangeRequestSnapshot>(v.Record.ToSnapshot(), v.Version))];
    }

    /// <summary>Keeps <c>change_items</c> equal to the change's affected items, so "changes affecting any of these items" is an indexed join.</summary>
    protected override Task<Result> WriteDerivedAsync(Func<DbCommand> newCommand, TenantId tenant, ChangeRequest aggregate, CancellationToken cancellationToken) =>
        ReplaceItemsAsync(newCommand, tenant, aggregate.Id, aggregate.AffectedItems, cancellationToken);

    /// <summary>Reads a stored change and checks its history against its state (<see cref="ChangeRequest.Restore"/>).</summary>
    /// <exception cref="JsonException">The document is not a stored change, or its history does not fit it; the message names the record.</exception>
    /// <exception cref="InvalidDataException">The stored change breaks one of its input's rules.</exception>
    private static ChangeRequest Read(ChangeRequestSnapshot snapshot, StoredRecordRules rules)
    {
        var restored = ChangeRequest.Restore(ReadBack.Valid(snapshot, rules.Check(snapshot)));
        return restored.IsSuccess
            ? restored.Value
            : throw new JsonException($"The stored {nameof(ChangeRequestSnapshot)} is not valid: {string.Join(" ", restored.ValidationErrors.Select(e => e.ErrorMessage))}");
    }

    private static object?[] Columns(ChangeRequestSnapshot snapshot) =>
    [
        snapshot.Status.ToString(),
        snapshot.Type.ToString(),
        snapshot.Requester.Value,
        Sql.FromInstant(snapshot.PlannedWindow.Start),
        Sql.FromInstant(snapshot.PlannedWindow.End),
        Sql.FromInstant(snapshot.RaisedAt),
        Sql.FromInstant(snapshot.ImplementationEndedAt),
    ];

    private static async Task<Result> ReplaceItemsAsync(Func<DbCommand> newCommand, TenantId tenant, ChangeId change, IEnumerable<ConfigurationItemId> items, CancellationToken cancellationToken)
    {
        var delete = newCommand();
        await using (delete.ConfigureAwait(false))
        {
            delete.CommandText = "DELETE FROM change_items WHERE tenant = @tenant AND change_id = @change";
            Sql.Add(delete, "tenant", tenant.Value);
            Sql.Add(delete, "change", change.ToString());
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var item in items.Distinct())
        {
            var insert = newCommand();
            await using (insert.ConfigureAwait(false))
            {
                insert.CommandText = "INSERT INTO change_items (tenant, change_id, item) VALUES (@tenant, @change, @item)";
                Sql.Add(insert, "tenant", tenant.Value);
                Sql.Add(insert, "change", change.ToString());
                Sql.Add(insert, "item", item.Value);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Result.Success();
    }

    /// <summary>One translation per specification type, from its properties; the specification contract test runs every one against Ardalis's in-memory evaluator.</summary>
    private static SqlQuery Translate(ChangeSpecification specification)
    {
        var query = new SqlQuery();
        switch (specification)
        {
            case ChangesByWindowStart list:
                if (list.Statuses is { } statuses)
                {
                    StatusIn(query, statuses);
                }

                if (list.ConfigurationItems is { } items)
                {
                    AffectingAny(query, items);
                }

                if (list.Requester is { } requester)
                {
                    query.Where($"t.requester = {query.Parameter(requester.Value)}");
                }

                if (list.Type is { } type)
                {
                    query.Where($"t.change_type = {query.Parameter(type.ToString())}");
                }

                return query.OrderByTerms("t.window_start", "t.id").Paged(list.Page);
            case ChangesNewestFirst newest:
                if (newest.Requester is { } by)
                {
                    query.Where($"t.requester = {query.Parameter(by.Value)}");
                }

                return query.OrderByTerms("t.raised_at DESC", "t.id").Paged(newest.Page);
            case ChangesOverlapping overlapping:
                StatusIn(query, overlapping.Statuses);
                query.Where($"t.window_start < {query.Parameter(Sql.FromInstant(overlapping.Period.End))} AND {query.Parameter(Sql.FromInstant(overlapping.Period.Start))} < t.window_end");
                return query.OrderByTerms("t.window_start", "t.id");
            case ChangesAffecting affecting:
                StatusIn(query, affecting.Statuses);
                AffectingAny(query, affecting.ConfigurationItems);
                return query.OrderByTerms("t.id");
            case ChangesImplementedBetween implemented:
                AffectingAny(query, implemented.ConfigurationItems);
                query.Where(
                    $"t.implementation_ended_at IS NOT NULL AND t.implementation_ended_at > {query.Parameter(Sql.FromInstant(implemented.After))} " +
                    $"AND t.implementation_ended_at <= {query.Parameter(Sql.FromInstant(implemented.UpTo))}");
                return query.OrderByTerms("t.implementation_ended_at", "t.id");
            default:
                // ChangeSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The change specification {specification.GetType().Name} has no SQL translation.");
        }
    }

    private static void StatusIn(SqlQuery query, ImmutableArray<ChangeStatus> statuses) =>
        query.Where($"t.status IN ({query.InList(statuses.Select(s => (object?)s.ToString()))})");

    private static void AffectingAny(SqlQuery query, ImmutableArray<ConfigurationItemId> items) =>
        query.Where(
            "EXISTS (SELECT 1 FROM change_items i WHERE i.tenant = t.tenant AND i.change_id = t.id AND i.item IN (" +
            query.InList(items.Select(i => (object?)i.Value)) + "))");
}
