using System.Data.Common;
using System.Text.Json;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>The relational <see cref="IConfigurationItemRepository"/>; every accepted write raises the tenant's CMDB revision in the same transaction.</summary>
internal sealed class SqlConfigurationItemRepository(RelationalSession session, StoredRecordRules rules) : IConfigurationItemRepository
{
    private static readonly DocumentTable Table = new("configuration_items", nameof(ConfigurationItemSnapshot));

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check { get; } = new(Table, (tenant, row, rules) => Restore(tenant, row, rules));

    /// <inheritdoc />
    public async Task<Versioned<ConfigurationItemSnapshot>?> GetAsync(TenantId tenant, ConfigurationItemId id, CancellationToken cancellationToken)
    {
        var stored = await Table.GetAsync(session, tenant, id.Value, cancellationToken).ConfigureAwait(false);
        return stored is { } found ? Restore(tenant, found, rules) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Versioned<ConfigurationItemSnapshot>>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var query = new SqlQuery();
        var rows = await Table.QueryAsync(session, tenant, query, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => Restore(tenant, row, rules)).OrderBy(v => v.Record.Id)];
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, ConfigurationItemSnapshot item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var document = SnapshotJson.Serialize(item);
        return session.WriteAsync(
            async command =>
            {
                var inserted = await Table.InsertAsync(session, command, tenant, item.Id.Value, document, [], cancellationToken).ConfigureAwait(false);
                return inserted.IsSuccess ? await CmdbRevisions.BumpAsync(command, tenant, cancellationToken).ConfigureAwait(false) : inserted;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> UpdateAsync(TenantId tenant, ConfigurationItemSnapshot item, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var document = SnapshotJson.Serialize(item);
        return session.WriteAsync(
            async command =>
            {
                var updated = await Table.UpdateAsync(session, command, tenant, item.Id.Value, document, [], expectedVersion, cancellationToken).ConfigureAwait(false);
                return updated.IsSuccess ? await CmdbRevisions.BumpAsync(command, tenant, cancellationToken).ConfigureAwait(false) : updated;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> AddRangeAsync(TenantId tenant, IReadOnlyList<ConfigurationItemSnapshot> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return Task.FromResult(Result.Success());
        }

        return session.WriteAsync(
            async command =>
            {
                var added = await BulkInsert.AllAsync(
                    session,
                    command,
                    tenant,
                    items,
                    ("INSERT INTO configuration_items (tenant, id, version, document) VALUES ", "(@tenant, @i{0}, 1, @d{0})", " ON CONFLICT (tenant, id) DO NOTHING"),
                    (insert, item, i) =>
                    {
                        Sql.Add(insert, $"i{i}", item.Id.Value);
                        Sql.Add(insert, $"d{i}", SnapshotJson.Serialize(item));
                    },
                    async batch =>
                    {
                        var taken = await BulkInsert.ExistingAsync(command, "configuration_items", tenant, [.. batch.Select(i => i.Id.Value)], cancellationToken).ConfigureAwait(false);
                        return taken.Count > 0 ? Failure.Conflict($"{nameof(ConfigurationItemSnapshot)} {BulkInsert.Describe(taken)} already exists.", "record.exists") : null;
                    },
                    Failure.Conflict($"Another writer added some of these {nameof(ConfigurationItemSnapshot)}s at the same time; reload and try again.", "record.exists"),
                    cancellationToken).ConfigureAwait(false);
                if (!added.IsSuccess)
                {
                    return added;
                }

                return await CmdbRevisions.BumpAsync(command, tenant, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private static Versioned<ConfigurationItemSnapshot> Restore(TenantId tenant, StoredDocument stored, StoredRecordRules rules) =>
        Table.Restore(tenant, stored, document => ReadBack.Item(document, rules), i => i.Id.Value, _ => []);
}

/// <summary>The relational <see cref="IRelationshipRepository"/>: one row per (source, target, type), the type compared ignoring case.</summary>
internal sealed class SqlRelationshipRepository(RelationalSession session, StoredRecordRules rules) : IRelationshipRepository
{
    /// <inheritdoc />
    public Task<IReadOnlyList<Relationship>> ListAsync(TenantId tenant, CancellationToken cancellationToken) => ReadAllAsync(tenant, null, cancellationToken);

    /// <summary>Every relationship of the tenant that reads back valid; each one that does not goes to <paramref name="invalid"/> (or, when it is null, fails the read).</summary>
    internal Task<IReadOnlyList<Relationship>> ReadAllAsync(TenantId tenant, Action<StoredRecordException>? invalid, CancellationToken cancellationToken) =>
        session.ReadAsync(
            async command =>
            {
                command.CommandText = "SELECT source, target, type_key, document FROM relationships WHERE tenant = @tenant";
                Sql.Add(command, "tenant", tenant.Value);
                var found = new List<Relationship>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        try
                        {
                            found.Add(ReadRelationship(tenant, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), rules));
                        }
                        catch (StoredRecordException problem) when (invalid is not null)
                        {
                            invalid(problem);
                        }
                    }
                }

                found.Sort(RelationshipOrder.Instance);
                return (IReadOnlyList<Relationship>)found;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, Relationship relationship, CancellationToken cancellationToken) =>
        session.WriteAsync(
            async command =>
            {
                var insert = command();
                await using (insert.ConfigureAwait(false))
                {
                    insert.CommandText =
                        "INSERT INTO relationships (tenant, source, target, type_key, document) VALUES (@tenant, @source, @target, @type, @document) " +
                        "ON CONFLICT (tenant, source, target, type_key) DO NOTHING";
                    AddKey(insert, tenant, relationship);
                    Sql.Add(insert, "document", SnapshotJson.Serialize(relationship));
                    if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                    {
                        return Failure.Conflict($"Relationship {relationship} already exists.", "cmdb.relationship.exists");
                    }
                }

                return await CmdbRevisions.BumpAsync(command, tenant, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<Result> RemoveAsync(TenantId tenant, Relationship relationship, CancellationToken cancellationToken) =>
        session.WriteAsync(
            async command =>
            {
                var delete = command();
                await using (delete.ConfigureAwait(false))
                {
                    delete.CommandText = "DELETE FROM relationships WHERE tenant = @tenant AND source = @source AND target = @target AND type_key = @type";
                    AddKey(delete, tenant, relationship);
                    if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                    {
                        return Failure.NotFound($"Relationship {relationship} does not exist.", "cmdb.relationship.unknown");
                    }
                }

                return await CmdbRevisions.BumpAsync(command, tenant, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<Result> AddRangeAsync(TenantId tenant, IReadOnlyList<Relationship> relationships, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relationships);
        if (relationships.Count == 0)
        {
            return Task.FromResult(Result.Success());
        }

        return session.WriteAsync(
            async command =>
            {
                var added = await BulkInsert.AllAsync(
                    session,
                    command,
                    tenant,
                    relationships,
                    ("INSERT INTO relationships (tenant, source, target, type_key, document) VALUES ", "(@tenant, @s{0}, @t{0}, @k{0}, @d{0})", " ON CONFLICT (tenant, source, target, type_key) DO NOTHING"),
                    (insert, relationship, i) =>
                    {
                        Sql.Add(insert, $"s{i}", relationship.Source.Value);
                        Sql.Add(insert, $"t{i}", relationship.Target.Value);
                        Sql.Add(insert, $"k{i}", relationship.Type.Name.ToUpperInvariant());
                        Sql.Add(insert, $"d{i}", SnapshotJson.Serialize(relationship));
                    },
                    null,
                    Failure.Conflict("Some of these relationships already exist (or appear twice); nothing was added.", "cmdb.relationship.exists"),
                    cancellationToken).ConfigureAwait(false);
                if (!added.IsSuccess)
                {
                    return added;
                }

                return await CmdbRevisions.BumpAsync(command, tenant, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> RevisionAsync(TenantId tenant, CancellationToken cancellationToken) =>
        session.ReadAsync(
            async command =>
            {
                command.CommandText = "SELECT revision FROM cmdb_revisions WHERE tenant = @tenant";
                Sql.Add(command, "tenant", tenant.Value);
                var revision = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return revision is null or DBNull ? 0L : Sql.ToInt64(revision);
            },
            cancellationToken);

    /// <summary>Reads a stored relationship and checks that its key columns are the document's and that it meets its input's rules (<see cref="StoredRecordRules.Check(Relationship)"/>).</summary>
    /// <exception cref="StoredRecordException">The document is not a relationship, its key columns disagree with it, or it breaks a rule.</exception>
    private static Relationship ReadRelationship(TenantId tenant, string source, string target, string typeKey, string document, StoredRecordRules rules)
    {
        var key = $"({tenant.Value}, {source}, {target}, {typeKey})";
        Relationship relationship;
        try
        {
            relationship = SnapshotJson.Deserialize<Relationship>(document);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new StoredRecordException("relationships", key, $"its document is not a valid relationship: {exception.Message}", exception);
        }

        if (relationship.Source.Value != source || relationship.Target.Value != target || relationship.Type.Name.ToUpperInvariant() != typeKey)
        {
            throw new StoredRecordException("relationships", key, $"its document is the relationship {relationship}.");
        }

        return StoredRecordRules.Describe(rules.Check(relationship)) is { } problem
            ? throw new StoredRecordException("relationships", key, $"its document is not a valid relationship: {problem}")
            : relationship;
    }

    private static void AddKey(DbCommand command, TenantId tenant, Relationship relationship)
    {
        Sql.Add(command, "tenant", tenant.Value);
        Sql.Add(command, "source", relationship.Source.Value);
        Sql.Add(command, "target", relationship.Target.Value);
        Sql.Add(command, "type", relationship.Type.Name.ToUpperInvariant());
    }
}

/// <summary>The relational <see cref="IBaselineRepository"/>: baselines as immutable documents, listed by capture instant.</summary>
internal sealed class SqlBaselineRepository(RelationalSession session) : IBaselineRepository
{
    private static readonly DocumentTable Table = new("baselines", nameof(ConfigurationBaseline), "captured_at");

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check { get; } = new(Table, (tenant, row, _) => Restore(tenant, row));

    /// <inheritdoc />
    public async Task<Versioned<ConfigurationBaseline>?> GetAsync(TenantId tenant, BaselineId id, CancellationToken cancellationToken)
    {
        var stored = await Table.GetAsync(session, tenant, id.ToString(), cancellationToken).ConfigureAwait(false);
        return stored is { } found ? Restore(tenant, found) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Versioned<ConfigurationBaseline>>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var rows = await Table.QueryAsync(session, tenant, new SqlQuery(), cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => Restore(tenant, row)).OrderBy(b => b.Record.CapturedAt).ThenBy(b => b.Record.Id)];
    }

    /// <inheritdoc />
    public Task<Result> AddAsync(TenantId tenant, ConfigurationBaseline baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var document = SnapshotJson.Serialize(baseline);
        return Table.InsertAsync(session, tenant, baseline.Id.ToString(), document, [Sql.FromInstant(baseline.CapturedAt)], cancellationToken);
    }

    private static Versioned<ConfigurationBaseline> Restore(TenantId tenant, StoredDocument stored) =>
        Table.Restore(tenant, stored, SnapshotJson.Deserialize<ConfigurationBaseline>, b => b.Id.ToString(), b => [Sql.FromInstant(b.CapturedAt)]);
}

/// <summary>The per-tenant CMDB revision counter: one row per tenant, raised atomically by an upsert.</summary>
internal static class CmdbRevisions
{
    /// <summary>Raises the tenant's revision by one in the current transaction.</summary>
    public static async Task<Result> BumpAsync(Func<DbCommand> newCommand, TenantId tenant, CancellationToken cancellationToken)
    {
        var bump = newCommand();
        await using (bump.ConfigureAwait(false))
        {
            bump.CommandText =
                "INSERT INTO cmdb_revisions (tenant, revision) VALUES (@tenant, 1) " +
                "ON CONFLICT (tenant) DO UPDATE SET revision = cmdb_revisions.revision + 1";
            Sql.Add(bump, "tenant", tenant.Value);
            await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return Result.Success();
    }
}
