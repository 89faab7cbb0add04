using System.Data.Common;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The statements shared by the change management reference data tables: plain columns (no documents), read back
/// through the domain's validating factories, so that a row the domain would refuse as input is reported as a data
/// fault naming the row instead of becoming a value that breaks later. Instants are ISO-8601 text, exact at any range.
/// </summary>
internal static class ReferenceRows
{
    internal static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    /// <summary>Runs <paramref name="sql"/> over the tenant with <paramref name="parameters"/> and reads each row with <paramref name="read"/>.</summary>
    internal static Task<IReadOnlyList<T>> QueryAsync<T>(RelationalSession session, TenantId tenant, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        session.ReadAsync(
            async command =>
            {
                command.CommandText = sql;
                Sql.Add(command, "tenant", tenant.Value);
                foreach (var (name, value) in parameters)
                {
                    Sql.Add(command, name, value);
                }

                var rows = new List<T>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(read(reader));
                    }
                }

                return (IReadOnlyList<T>)rows;
            },
            cancellationToken);

    /// <summary>Runs one statement as a write of its own (or of the unit of work) and returns how many rows it changed.</summary>
    internal static async Task<int> ExecuteAsync(Func<DbCommand> newCommand, TenantId tenant, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = newCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            Sql.Add(command, "tenant", tenant.Value);
            foreach (var (name, value) in parameters)
            {
                Sql.Add(command, name, value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The value of a restored row, or the data fault naming it.</summary>
    /// <exception cref="StoredRecordException">The row is not valid (the dispatcher answers it as <c>store.record-invalid</c>).</exception>
    internal static T Valid<T>(Result<T> restored, string table, TenantId tenant, string key) =>
        restored.IsSuccess
            ? restored.Value
            : throw new StoredRecordException(table, $"({tenant.Value}, {key})", restored.Message);

    internal static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    internal static Result<Instant> Instant(string? text, string field) =>
        text is not null && InstantText.Parse(text) is { Success: true } parsed
            ? parsed.Value
            : Result<Instant>.Invalid(Itsm.Core.Common.Failure.Field(field, $"'{text}' is not an ISO-8601 instant.", "record.corrupt"));
}

/// <summary>The relational <see cref="IChangeAuthorityStore"/>: one row per tenant, user and single authority, so grants and revocations never overwrite each other.</summary>
internal sealed class SqlChangeAuthorityStore(RelationalSession session) : IChangeAuthorityStore
{
    private const string Table = "change_authorities";

    private static readonly IReadOnlyDictionary<string, ChangeAuthority> Names = new Dictionary<string, ChangeAuthority>(StringComparer.Ordinal)
    {
        [nameof(ChangeAuthority.ChangeManager)] = ChangeAuthority.ChangeManager,
        [nameof(ChangeAuthority.ChangeAdvisoryBoard)] = ChangeAuthority.ChangeAdvisoryBoard,
        [nameof(ChangeAuthority.EmergencyAuthority)] = ChangeAuthority.EmergencyAuthority,
    };

    /// <inheritdoc />
    public async Task<ChangeAuthority> AuthorityOfAsync(TenantId tenant, UserId user, CancellationToken cancellationToken)
    {
        var rows = await ReferenceRows.QueryAsync(
            session, tenant, $"SELECT user_id, authority FROM {Table} WHERE tenant = @tenant AND user_id = @user", Row, cancellationToken, ("user", user.Value)).ConfigureAwait(false);
        return rows.Count == 0 ? ChangeAuthority.None : Restore(tenant, rows).Single().Authorities;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeAuthorityGrant>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var rows = await ReferenceRows.QueryAsync(session, tenant, $"SELECT user_id, authority FROM {Table} WHERE tenant = @tenant", Row, cancellationToken).ConfigureAwait(false);
        return Restore(tenant, rows);
    }

    /// <inheritdoc />
    public Task<Result> GrantAsync(TenantId tenant, ChangeAuthorityGrant grant, CancellationToken cancellationToken) =>
        ForEachAuthorityAsync(
            tenant, grant, $"INSERT INTO {Table} (tenant, user_id, authority) VALUES (@tenant, @user, @authority) ON CONFLICT (tenant, user_id, authority) DO NOTHING", cancellationToken);

    /// <inheritdoc />
    public Task<Result> RevokeAsync(TenantId tenant, ChangeAuthorityGrant revoked, CancellationToken cancellationToken) =>
        ForEachAuthorityAsync(tenant, revoked, $"DELETE FROM {Table} WHERE tenant = @tenant AND user_id = @user AND authority = @authority", cancellationToken);

    /// <summary>Runs <paramref name="sql"/> once per authority of <paramref name="grant"/> (one row per user and authority), in one write.</summary>
    private Task<Result> ForEachAuthorityAsync(TenantId tenant, ChangeAuthorityGrant grant, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return session.WriteAsync(
            async command =>
            {
                foreach (var authority in grant.Each)
                {
                    await ReferenceRows.ExecuteAsync(command, tenant, sql, cancellationToken, ("user", grant.User.Value), ("authority", authority.ToString())).ConfigureAwait(false);
                }

                return Result.Success();
            },
            cancellationToken);
    }

    private static (string User, string Authority) Row(DbDataReader reader) => (reader.GetString(0), reader.GetString(1));

    private static List<ChangeAuthorityGrant> Restore(TenantId tenant, IReadOnlyList<(string User, string Authority)> rows) =>
        [.. rows.GroupBy(r => r.User, StringComparer.Ordinal).Select(g => ReferenceRows.Valid(Grant(g.Key, g.Select(r => r.Authority)), Table, tenant, g.Key)).OrderBy(g => g.User)];

    private static Result<ChangeAuthorityGrant> Grant(string user, IEnumerable<string> authorities)
    {
        var id = UserId.Parse(user, "user_id");
        if (!id.IsSuccess)
        {
            return id.AsFailure<ChangeAuthorityGrant>();
        }

        var held = ChangeAuthority.None;
        foreach (var name in authorities)
        {
            // An unknown name restores as a flag the domain does not define, so the grant's own check refuses it.
            held |= Names.TryGetValue(name, out var authority) ? authority : (ChangeAuthority)(1 << 30);
        }

        return ChangeAuthorityGrant.Create(id.Value, held);
    }
}

/// <summary>The relational <see cref="IMaintenanceWindowStore"/>: one row per tenant and service.</summary>
internal sealed class SqlMaintenanceWindowStore(RelationalSession session) : IMaintenanceWindowStore
{
    private const string Table = "maintenance_windows";

    /// <inheritdoc />
    public async Task<IReadOnlyList<MaintenanceWindow>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var rows = await ReferenceRows.QueryAsync(session, tenant, $"SELECT service, calendar FROM {Table} WHERE tenant = @tenant", r => (r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => ReferenceRows.Valid(Restore(r.Item1, r.Item2), Table, tenant, r.Item1)).OrderBy(w => w.Service)];
    }

    /// <inheritdoc />
    public Task<Result> DefineAsync(TenantId tenant, MaintenanceWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        return session.WriteAsync(
            async command =>
            {
                await ReferenceRows.ExecuteAsync(
                    command, tenant, $"INSERT INTO {Table} (tenant, service, calendar) VALUES (@tenant, @service, @calendar) ON CONFLICT (tenant, service) DO UPDATE SET calendar = excluded.calendar",
                    cancellationToken, ("service", window.Service.Value), ("calendar", window.Calendar.Value)).ConfigureAwait(false);
                return Result.Success();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> RemoveAsync(TenantId tenant, ConfigurationItemId service, CancellationToken cancellationToken) =>
        session.WriteAsync(
            async command =>
            {
                var removed = await ReferenceRows.ExecuteAsync(command, tenant, $"DELETE FROM {Table} WHERE tenant = @tenant AND service = @service", cancellationToken, ("service", service.Value)).ConfigureAwait(false);
                return removed == 1 ? Result.Success() : Failure.NotFound($"{service} has no maintenance window in tenant '{tenant}'.", "change.maintenance.not-found");
            },
            cancellationToken);

    private static Result<MaintenanceWindow> Restore(string service, string calendar)
    {
        var item = ConfigurationItemId.Parse(service, "service");
        var id = CalendarId.Parse(calendar, "calendar");
        return !item.IsSuccess ? item.AsFailure<MaintenanceWindow>() : !id.IsSuccess ? id.AsFailure<MaintenanceWindow>() : MaintenanceWindow.Define(item.Value, id.Value);
    }
}

/// <summary>The relational <see cref="IBlackoutStore"/>: one row per tenant and blackout.</summary>
internal sealed class SqlBlackoutStore(RelationalSession session) : IBlackoutStore
{
    private const string Table = "blackouts";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BlackoutWindow>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var rows = await ReferenceRows.QueryAsync(
            session, tenant, $"SELECT id, service, window_start, window_end, reason FROM {Table} WHERE tenant = @tenant",
            r => (Id: r.GetString(0), Service: r.GetString(1), Start: ReferenceRows.Text(r, 2), End: ReferenceRows.Text(r, 3), Reason: ReferenceRows.Text(r, 4)),
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => ReferenceRows.Valid(Restore(r.Id, r.Service, r.Start, r.End, r.Reason), Table, tenant, r.Id)).OrderBy(b => b.Window.Start).ThenBy(b => b.Id)];
    }

    /// <inheritdoc />
    public Task<Result> DeclareAsync(TenantId tenant, BlackoutWindow blackout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blackout);
        return session.WriteAsync(
            async command =>
            {
                var inserted = await ReferenceRows.ExecuteAsync(
                    command, tenant,
                    $"INSERT INTO {Table} (tenant, id, service, window_start, window_end, reason) VALUES (@tenant, @id, @service, @start, @end, @reason) ON CONFLICT (tenant, id) DO NOTHING",
                    cancellationToken,
                    ("id", blackout.Id.ToString()),
                    ("service", blackout.Service.Value),
                    ("start", ReferenceRows.InstantText.Format(blackout.Window.Start)),
                    ("end", ReferenceRows.InstantText.Format(blackout.Window.End)),
                    ("reason", blackout.Reason)).ConfigureAwait(false);
                return inserted == 1 ? Result.Success() : Failure.Conflict($"Blackout '{blackout.Id}' already exists.", "record.exists");
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> LiftAsync(TenantId tenant, BlackoutId id, CancellationToken cancellationToken) =>
        session.WriteAsync(
            async command =>
            {
                var removed = await ReferenceRows.ExecuteAsync(command, tenant, $"DELETE FROM {Table} WHERE tenant = @tenant AND id = @id", cancellationToken, ("id", id.ToString())).ConfigureAwait(false);
                return removed == 1 ? Result.Success() : Failure.NotFound($"There is no blackout {id} in tenant '{tenant}'.", "change.blackout.not-found");
            },
            cancellationToken);

    private static Result<BlackoutWindow> Restore(string id, string service, string? start, string? end, string? reason)
    {
        var blackout = BlackoutId.Parse(id, "id");
        var item = ConfigurationItemId.Parse(service, "service");
        var from = ReferenceRows.Instant(start, "window_start");
        var until = ReferenceRows.Instant(end, "window_end");
        foreach (var part in new IResult[] { blackout, item, from, until })
        {
            if (!part.IsSuccess)
            {
                return part.AsFailure<BlackoutWindow>();
            }
        }

        return BlackoutWindow.Declare(blackout.Value, item.Value, new Interval(from.Value, until.Value), reason);
    }
}

/// <summary>The relational <see cref="IStandardChangeTemplateStore"/>: one row per tenant and template, retired ones kept.</summary>
internal sealed class SqlStandardChangeTemplateStore(RelationalSession session) : IStandardChangeTemplateStore
{
    private const string Table = "change_templates";

    /// <inheritdoc />
    public async Task<StandardChangeCatalogue> CatalogueAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var rows = await ReferenceRows.QueryAsync(
            session, tenant, $"SELECT id, description, implementation_plan, test_plan, backout_plan, retired_at, retired_by FROM {Table} WHERE tenant = @tenant",
            r => (Id: r.GetString(0), Description: ReferenceRows.Text(r, 1), Implementation: ReferenceRows.Text(r, 2), Test: ReferenceRows.Text(r, 3), Backout: ReferenceRows.Text(r, 4),
                RetiredAt: ReferenceRows.Text(r, 5), RetiredBy: ReferenceRows.Text(r, 6)),
            cancellationToken).ConfigureAwait(false);
        return new StandardChangeCatalogue(rows.Select(r => ReferenceRows.Valid(Restore(r.Id, r.Description, r.Implementation, r.Test, r.Backout, r.RetiredAt, r.RetiredBy), Table, tenant, r.Id)));
    }

    /// <inheritdoc />
    public Task<Result> DefineAsync(TenantId tenant, StandardChangeTemplate template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        return session.WriteAsync(
            async command =>
            {
                var inserted = await ReferenceRows.ExecuteAsync(
                    command, tenant,
                    $"INSERT INTO {Table} (tenant, id, description, implementation_plan, test_plan, backout_plan, retired_at, retired_by) "
                    + "VALUES (@tenant, @id, @description, @implementation, @test, @backout, @retiredAt, @retiredBy) ON CONFLICT (tenant, id) DO NOTHING",
                    cancellationToken,
                    ("id", template.Id.Value),
                    ("description", template.Description),
                    ("implementation", template.Plans.Implementation),
                    ("test", template.Plans.Test),
                    ("backout", template.Plans.Backout),
                    ("retiredAt", template.RetiredAt is { } at ? ReferenceRows.InstantText.Format(at) : null),
                    ("retiredBy", template.RetiredBy?.Value)).ConfigureAwait(false);
                return inserted == 1 ? Result.Success() : Failure.Conflict($"Standard change template '{template.Id}' already exists.", "record.exists");
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result> RetireAsync(TenantId tenant, StandardChangeTemplate retired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retired);
        return session.WriteAsync(
            async command =>
            {
                var updated = await ReferenceRows.ExecuteAsync(
                    command, tenant, $"UPDATE {Table} SET retired_at = @retiredAt, retired_by = @retiredBy WHERE tenant = @tenant AND id = @id AND retired_at IS NULL",
                    cancellationToken,
                    ("id", retired.Id.Value),
                    ("retiredAt", retired.RetiredAt is { } at ? ReferenceRows.InstantText.Format(at) : null),
                    ("retiredBy", retired.RetiredBy?.Value)).ConfigureAwait(false);
                if (updated == 1)
                {
                    return Result.Success();
                }

                long exists;
                var probe = command();
                await using (probe.ConfigureAwait(false))
                {
                    probe.CommandText = $"SELECT COUNT(*) FROM {Table} WHERE tenant = @tenant AND id = @id";
                    Sql.Add(probe, "tenant", tenant.Value);
                    Sql.Add(probe, "id", retired.Id.Value);
                    exists = Sql.ToInt64(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
                }

                return exists == 0
                    ? Failure.NotFound($"Standard change template '{retired.Id}' does not exist.", "record.not-found")
                    : Failure.Conflict($"Standard change template '{retired.Id}' was retired by someone else meanwhile; reload it.", "record.version-conflict");
            },
            cancellationToken);
    }

    private static Result<StandardChangeTemplate> Restore(string id, string? description, string? implementation, string? test, string? backout, string? retiredAt, string? retiredBy)
    {
        var template = StandardChangeTemplateId.Parse(id, "id");
        var plans = ChangePlans.Create(implementation, test, backout);
        var at = retiredAt is null ? Result<Instant?>.Success(null) : ReferenceRows.Instant(retiredAt, "retired_at").Map(i => (Instant?)i);
        var by = retiredBy is null ? Result<UserId?>.Success(null) : UserId.Parse(retiredBy, "retired_by").Map(u => (UserId?)u);
        foreach (var part in new IResult[] { template, plans, at, by })
        {
            if (!part.IsSuccess)
            {
                return part.AsFailure<StandardChangeTemplate>();
            }
        }

        return StandardChangeTemplate.Restore(template.Value, description, plans.Value, at.Value, by.Value);
    }
}
