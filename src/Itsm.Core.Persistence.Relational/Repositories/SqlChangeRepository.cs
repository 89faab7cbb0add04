using System.Data.Common;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IChangeRepository"/>: change requests as documents with indexed status,
/// type, requester, window and implementation-end columns, and their affected items in
/// <c>change_items</c> so "changes affecting any of these items" is an indexed join.
/// </summary>
internal sealed class SqlChangeRepository(RelationalSession session) : IChangeRepository
{
    private static readonly DocumentTable Table = new(
        "changes", nameof(ChangeRequestSnapshot), "status", "change_type", "requester", "window_start", "window_end", "raised_at", "implementation_ended_at");

    private static readonly Dictionary<string, string> SortColumns = new()
    {
        [ChangeSpecification.WindowStart.Name] = "t.window_start",
        [ChangeSpecification.RaisedAt.Name] = "t.raised_at",
        [ChangeSpecification.Id.Name] = "t.id",
    };

    /// <inheritdoc />
    public async Task<Versioned<ChangeRequest>?> GetAsync(TenantId tenant, ChangeId id, CancellationToken cancellationToken)
    {
        var stored = await Table.GetAsync(session, tenant, id.ToString(), cancellationToken).ConfigureAwait(false);
        return stored is { } found
            ? new Versioned<ChangeRequest>(ChangeRequest.FromSnapshot(SnapshotJson.Deserialize<ChangeRequestSnapshot>(found.Document)), found.Version)
            : null;
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, ChangeRequest change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var snapshot = change.ToSnapshot();
        return session.WriteAsync(
            async command =>
            {
                var inserted = await Table.InsertAsync(command, tenant, snapshot.Id.ToString(), SnapshotJson.Serialize(snapshot), Columns(snapshot), cancellationToken).ConfigureAwait(false);
                return inserted.IsSuccess ? await ReplaceItemsAsync(command, tenant, snapshot, cancellationToken).ConfigureAwait(false) : inserted;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, ChangeRequest change, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var snapshot = change.ToSnapshot();
        return session.WriteAsync(
            async command =>
            {
                var updated = await Table.UpdateAsync(command, tenant, snapshot.Id.ToString(), SnapshotJson.Serialize(snapshot), Columns(snapshot), expectedVersion, cancellationToken).ConfigureAwait(false);
                return updated.IsSuccess ? await ReplaceItemsAsync(command, tenant, snapshot, cancellationToken).ConfigureAwait(false) : updated;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Versioned<ChangeRequestSnapshot>>> ListAsync(TenantId tenant, ChangeSpecification specification, CancellationToken cancellationToken)
    {
        var query = SqlQuery.Translate(specification, Translate, SortColumns);
        var rows = await Table.QueryAsync(session, tenant, query, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new Versioned<ChangeRequestSnapshot>(SnapshotJson.Deserialize<ChangeRequestSnapshot>(r.Document), r.Version)).ToList();
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

    private static async Task<Result> ReplaceItemsAsync(Func<DbCommand> newCommand, TenantId tenant, ChangeRequestSnapshot snapshot, CancellationToken cancellationToken)
    {
        var delete = newCommand();
        await using (delete.ConfigureAwait(false))
        {
            delete.CommandText = "DELETE FROM change_items WHERE tenant = @tenant AND change_id = @change";
            Sql.Add(delete, "tenant", tenant.Value);
            Sql.Add(delete, "change", snapshot.Id.ToString());
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var item in snapshot.AffectedItems.Distinct())
        {
            var insert = newCommand();
            await using (insert.ConfigureAwait(false))
            {
                insert.CommandText = "INSERT INTO change_items (tenant, change_id, item) VALUES (@tenant, @change, @item)";
                Sql.Add(insert, "tenant", tenant.Value);
                Sql.Add(insert, "change", snapshot.Id.ToString());
                Sql.Add(insert, "item", item.Value);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Result.Success();
    }

    private static bool Translate(ICriterion<ChangeRequestSnapshot> criterion, SqlQuery query)
    {
        switch (criterion)
        {
            case ChangeSpecification.StatusIn statuses:
                query.Where($"t.status IN ({query.InList(statuses.Statuses.Select(s => (object?)s.ToString()))})");
                return true;
            case ChangeSpecification.TypeIs type:
                query.Where($"t.change_type = {query.Parameter(type.Type.ToString())}");
                return true;
            case ChangeSpecification.RequesterIs requester:
                query.Where($"t.requester = {query.Parameter(requester.Requester.Value)}");
                return true;
            case ChangeSpecification.AffectsAny items:
                query.Where(
                    "EXISTS (SELECT 1 FROM change_items i WHERE i.tenant = t.tenant AND i.change_id = t.id AND i.item IN (" +
                    query.InList(items.Items.Select(i => (object?)i.Value)) + "))");
                return true;
            case ChangeSpecification.WindowOverlaps overlap:
                query.Where($"t.window_start < {query.Parameter(Sql.FromInstant(overlap.Period.End))} AND {query.Parameter(Sql.FromInstant(overlap.Period.Start))} < t.window_end");
                return true;
            case ChangeSpecification.ImplementationEndedBetween ended:
                query.Where(
                    $"t.implementation_ended_at IS NOT NULL AND t.implementation_ended_at > {query.Parameter(Sql.FromInstant(ended.After))} " +
                    $"AND t.implementation_ended_at <= {query.Parameter(Sql.FromInstant(ended.UpTo))}");
                return true;
            default:
                return false;
        }
    }
}
