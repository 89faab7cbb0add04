using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Capacity;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Capacity;

/// <summary>Capacity management through the dispatcher on the in-memory adapters: bulk readings, thresholds, forecast and risk.</summary>
public sealed class CapacityManagementTests : InMemoryDispatcherTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly RequestContext Acme = new(Tenant, UserId.From("sam"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("gil"));
    private static readonly Instant T0 = Instant.FromUtc(2027, 3, 1, 0, 0);
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("payroll");
    private static readonly ConfigurationItemId Array = ConfigurationItemId.From("storage-array");
    private static readonly CapacityMetric Used = CapacityMetric.From("storage_used_pct");


    public CapacityManagementTests()
        : base(T0 + Duration.FromDays(30))
    {
    }

    /// <summary>Thirty daily readings rising one point a day from 50 %: the array reaches 90 % about forty days after the first.</summary>
    [Fact]
    public async Task RecordThresholdForecastAndRisk_OnAGrowingArray_ForecastTheCrossingAndPutTheServiceAtRisk()
    {
        await SeedAsync();
        var recorded = await itsm.SendAsync(new RecordMeasurements(Acme, Rising(30)));
        Assert.Equal(30, recorded.Value);
        var threshold = await itsm.SendAsync(new SetCapacityThreshold(Acme, Array, Used, 80, 90));
        Assert.Equal(90, threshold.Value.Critical);

        var forecast = await itsm.QueryAsync(new ForecastCapacity(Acme, Array, Used));
        Assert.Equal((ForecastStatus.Forecast, 30), (forecast.Value.Status, forecast.Value.Points));
        var days = (forecast.Value.Crossing!.Value - T0).TotalDays;
        Assert.InRange(days, 39, 41);
        Assert.Equal(ForecastStatus.AlreadyAbove, (await itsm.QueryAsync(new ForecastCapacity(Acme, Array, Used) { Threshold = 60 })).Value.Status);

        var soon = await itsm.QueryAsync(new GetCapacityRisk(Acme, Payroll, Duration.FromDays(30)));
        var later = await itsm.QueryAsync(new GetCapacityRisk(Acme, Payroll, Duration.FromDays(2)));
        Assert.Equal([Array], soon.Value.Items.Select(i => i.Item).ToArray());
        Assert.Empty(later.Value.Items);

        var audit = await AuditAsync();
        Assert.Equal(["RecordMeasurements", "SetCapacityThreshold"], audit.Where(r => r.Command is not ("RegisterConfigurationItem" or "Relate")).Select(r => r.Command).ToArray());
        Assert.Equal("capacity.threshold.not-found", (await itsm.QueryAsync(new ForecastCapacity(Globex, Array, Used))).ErrorCode);
    }

    [Fact]
    public async Task RecordMeasurements_WithABadBatch_FailsWithItsCodeAndStoresNothing()
    {
        await SeedAsync();
        var first = Rising(3);

        var empty = await itsm.SendAsync(new RecordMeasurements(Acme, []));
        var twice = await itsm.SendAsync(new RecordMeasurements(Acme, [.. first, first[1]]));
        var notFinite = await itsm.SendAsync(new RecordMeasurements(Acme, [first[0] with { Value = double.NaN }]));
        var unknown = await itsm.SendAsync(new RecordMeasurements(Acme, [first[0] with { Item = ConfigurationItemId.From("ghost") }]));
        Assert.Equal(("capacity.readings.count", "capacity.measurement.duplicate", "capacity.value.invalid", "cmdb.item.unknown"), (empty.ErrorCode, twice.ErrorCode, notFinite.ErrorCode, unknown.ErrorCode));

        Assert.True((await itsm.SendAsync(new RecordMeasurements(Acme, first))).IsSuccess);
        var again = await itsm.SendAsync(new RecordMeasurements(Acme, [.. Rising(5)]));
        Assert.Equal(ResultStatus.Conflict, again.Status);
        var forecast = await itsm.QueryAsync(new ForecastCapacity(Acme, Array, Used) { Threshold = 90, MinimumPoints = 3 });
        Assert.Equal(3, forecast.Value.Points);
    }

    [Fact]
    public async Task SetCapacityThreshold_WithWarningAboveCriticalOrAnUnknownItem_FailsWithItsCode()
    {
        await SeedAsync();

        var order = await itsm.SendAsync(new SetCapacityThreshold(Acme, Array, Used, 95, 90));
        var unknown = await itsm.SendAsync(new SetCapacityThreshold(Acme, ConfigurationItemId.From("ghost"), Used, 80, 90));
        var replaced = await itsm.SendAsync(new SetCapacityThreshold(Acme, Array, Used, 70, 85));

        Assert.Equal(("capacity.threshold.order", "cmdb.item.unknown"), (order.ErrorCode, unknown.ErrorCode));
        Assert.Equal(85, replaced.Value.Critical);
        Assert.Equal("capacity.horizon.invalid", (await itsm.QueryAsync(new GetCapacityRisk(Acme, Payroll, Duration.FromDays(-1)))).ErrorCode);
    }

    private static CapacityReading[] Rising(int days) =>
        [.. Enumerable.Range(0, days).Select(d => new CapacityReading(Array, Used, T0 + Duration.FromDays(d), 50 + d + (d % 2 == 0 ? 0.2 : -0.2)))];

    private async Task SeedAsync()
    {
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, Payroll, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, Array, ConfigurationItemClass.Storage, "Storage array"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(Acme, Payroll, Array, RelationshipType.DependsOn))).IsSuccess);
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 1000, CancellationToken.None);
    }
}
