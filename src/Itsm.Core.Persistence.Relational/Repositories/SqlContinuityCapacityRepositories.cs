using System.Text.Json;
using Itsm.Core.Application.Capacity;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Continuity;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Core.Continuity;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IContinuityPlanRepository"/>: one document per service, read back through
/// <see cref="ContinuityPlan.Restore"/>, which replays the stored history through the domain.
/// </summary>
internal sealed class SqlContinuityPlanRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<ConfigurationItemId, ContinuityPlan, ContinuityPlanSnapshot>(session, Documents, rules), IContinuityPlanRepository
{
    private static readonly AggregateDocuments<ConfigurationItemId, ContinuityPlan, ContinuityPlanSnapshot> Documents = new(
        new DocumentTable("continuity_plans", nameof(ContinuityPlanSnapshot)),
        id => id.Value,
        plan => plan.Service,
        plan => plan.ToSnapshot(),
        (snapshot, _) => ContinuityPlan.Restore(snapshot) is { IsSuccess: true } restored ? restored.Value : throw new JsonException(string.Join(" ", ContinuityPlan.Restore(snapshot).ValidationErrors.Select(e => e.ErrorMessage))),
        _ => []);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<ContinuityPlan>>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        QueryAsync(tenant, new SqlQuery().OrderByTerms("t.id"), cancellationToken);
}

/// <summary>The relational <see cref="ICapacityThresholdStore"/>: one row per tenant, item and metric, read back through <see cref="CapacityThreshold.Create"/>.</summary>
internal sealed class SqlCapacityThresholdStore(RelationalSession session) : ICapacityThresholdStore
{
    private const string Table = "capacity_thresholds";
    private const string Columns = "item, metric, warning, critical";

    /// <inheritdoc />
    public Task<Result> SetAsync(TenantId tenant, CapacityThreshold threshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return session.WriteAsync(
            async command =>
            {
                await ReferenceRows.ExecuteAsync(
                    command, tenant, $"INSERT INTO {Table} (tenant, {Columns}) VALUES (@tenant, @item, @metric, @warning, @critical) ON CONFLICT (tenant, item, metric) DO UPDATE SET warning = excluded.warning, critical = excluded.critical",
                    cancellationToken, ("item", threshold.Item.Value), ("metric", threshold.Metric.Name), ("warning", threshold.Warning), ("critical", threshold.Critical)).ConfigureAwait(false);
                return Result.Success();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CapacityThreshold?> GetAsync(TenantId tenant, ConfigurationItemId item, CapacityMetric metric, CancellationToken cancellationToken) =>
        (await ReadAsync(tenant, $"SELECT {Columns} FROM {Table} WHERE tenant = @tenant AND item = @item AND metric = @metric", cancellationToken, ("item", item.Value), ("metric", metric.Name)).ConfigureAwait(false)).SingleOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<CapacityThreshold>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ReadAsync(tenant, $"SELECT {Columns} FROM {Table} WHERE tenant = @tenant", cancellationToken);

    private async Task<IReadOnlyList<CapacityThreshold>> ReadAsync(TenantId tenant, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = await ReferenceRows.QueryAsync(session, tenant, sql, r => (Item: r.GetString(0), Metric: r.GetString(1), Warning: r.GetDouble(2), Critical: r.GetDouble(3)), cancellationToken, parameters).ConfigureAwait(false);
        return [.. rows.Select(r => ReferenceRows.Valid(Restore(r.Item, r.Metric, r.Warning, r.Critical), Table, tenant, $"{r.Item}, {r.Metric}")).OrderBy(t => t.Item).ThenBy(t => t.Metric)];
    }

    private static Result<CapacityThreshold> Restore(string item, string metric, double warning, double critical)
    {
        var id = ConfigurationItemId.Parse(item, "item");
        var name = CapacityMetric.Parse(metric, "metric");
        return !id.IsSuccess ? id.AsFailure<CapacityThreshold>() : !name.IsSuccess ? name.AsFailure<CapacityThreshold>() : CapacityThreshold.Create(id.Value, name.Value, warning, critical);
    }
}

/// <summary>
/// The relational <see cref="ICapacityMeasurementStore"/>: one row per tenant, item, metric and instant (nanoseconds since the
/// epoch), written with multi-row inserts (<see cref="BulkInsert"/>), never one round trip per reading; read back through
/// <see cref="CapacityReading.Check"/>: a value that is not a finite number (SQLite keeps whatever text a column is given, which
/// <c>GetDouble</c> would read as 0) or an instant outside the supported range is a typed data fault naming the table and row.
/// </summary>
internal sealed class SqlCapacityMeasurementStore(RelationalSession session) : ICapacityMeasurementStore
{
    private const string Table = "capacity_measurements";

    /// <inheritdoc />
    public Task<Result> AppendAsync(TenantId tenant, IReadOnlyList<CapacityReading> readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Select((r, i) => r.Check($"Readings[{i}]")).FirstOrDefault(e => e is not null) is { } wrong)
        {
            // Checked here too (not only by RecordMeasurements' validator), so a caller of the port can never have an instant clamped.
            return Task.FromResult(Result.Invalid(wrong));
        }

        return session.WriteAsync(
            command => BulkInsert.AllAsync(
                session,
                command,
                tenant,
                readings,
                ($"INSERT INTO {Table} (tenant, item, metric, measured_at, value) VALUES ", "(@tenant, @i{0}, @m{0}, @a{0}, @v{0})", " ON CONFLICT (tenant, item, metric, measured_at) DO NOTHING"),
                (insert, reading, i) =>
                {
                    Sql.Add(insert, $"i{i}", reading.Item.Value);
                    Sql.Add(insert, $"m{i}", reading.Metric.Name);
                    Sql.Add(insert, $"a{i}", Sql.FromInstant(reading.At));
                    Sql.Add(insert, $"v{i}", reading.Value);
                },
                null,
                Failure.Conflict("Some of these readings (item, metric and instant) are already stored or appear twice; nothing was recorded.", "record.exists"),
                cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> SeriesAsync(TenantId tenant, ConfigurationItemId item, CapacityMetric metric, CancellationToken cancellationToken)
    {
        var rows = await ReferenceRows.QueryAsync(
            session,
            tenant,
            $"SELECT measured_at, value FROM {Table} WHERE tenant = @tenant AND item = @item AND metric = @metric ORDER BY measured_at",
            r => (At: Sql.ToInstant(r.GetValue(0)), Value: r.GetValue(1) switch { double d => d, long l => l, _ => double.NaN }),
            cancellationToken,
            ("item", item.Value),
            ("metric", metric.Name)).ConfigureAwait(false);
        return [.. rows.Select(r => ReferenceRows.Valid(Valid(new CapacityReading(item, metric, r.At, r.Value)), Table, tenant, $"{item}, {metric}, {r.At}").Measurement)];
    }

    private static Result<CapacityReading> Valid(CapacityReading reading) =>
        reading.Check("value") is { } wrong ? Result<CapacityReading>.Invalid(wrong) : reading;
}
