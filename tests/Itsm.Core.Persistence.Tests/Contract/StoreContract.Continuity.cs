using Itsm.Core.Application.Capacity;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Continuity;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Continuity;
using Itsm.Core.Persistence.Relational.Serialization;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Continuity records and capacity series on every store: whole history back, stale versions lose, tenants apart, bulk readings in one call.</summary>
public abstract partial class StoreContract
{
    private static readonly ConfigurationItemId PayrollService = ConfigurationItemId.From("payroll");
    private static readonly ConfigurationItemId PayrollDb = ConfigurationItemId.From("payroll-db");
    private static readonly CapacityMetric StorageUsed = CapacityMetric.From("storage_used_pct");

    [Fact]
    public async Task ContinuityRecord_ReloadsWithItsWholeHistoryAndTestedClosure_AndAStaleVersionIsConflict()
    {
        await SeedPayrollAsync(Acme);
        var steps = new List<Result<Versioned<ContinuityPlan>>>
        {
            await Itsm.SendAsync(new DefineBusinessImpact(As(Acme), PayrollService, Duration.FromHours(24), Duration.FromHours(4), Duration.FromHours(1))),
            await Itsm.SendAsync(new DefineContinuityPlan(As(Acme), PayrollService, ["fail over the database", "start payroll"], [PayrollDb]) { ExpectedVersion = 1 }),
        };
        Clock.Advance(Duration.FromHours(2));
        steps.Add(await Itsm.SendAsync(new RecordPlanTest(As(Acme), PayrollService, Clock.GetCurrentInstant() - Duration.FromHours(1), Duration.FromHours(3), Duration.FromMinutes(30))));
        foreach (var step in steps)
        {
            Assert.True(step.IsSuccess, step.Message);
        }

        var stale = await Itsm.SendAsync(new DefineContinuityPlan(As(Acme), PayrollService, ["again"], [PayrollDb]) { ExpectedVersion = 2 });
        var reloaded = (await Itsm.QueryAsync(new GetContinuityPlan(As(Acme), PayrollService))).Value;

        Assert.Equal((ResultStatus.Conflict, "continuity.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal(3L, reloaded.Version);
        Assert.Equal(SnapshotJson.Serialize(steps[^1].Value.Record.ToSnapshot()), SnapshotJson.Serialize(reloaded.Record.ToSnapshot()));
        Assert.Equal([typeof(BusinessImpactDefined), typeof(ContinuityPlanDefined), typeof(ContinuityPlanTested)], reloaded.Record.History.Select(e => e.GetType()).ToArray());
        Assert.Contains(PayrollDb, reloaded.Record.LastPassedTest!.Closure.Items.Keys);
        Assert.Equal("continuity.not-found", (await Itsm.QueryAsync(new GetContinuityPlan(As(Globex), PayrollService))).ErrorCode);
        Assert.Empty((await Itsm.QueryAsync(new ListStaleContinuityPlans(As(Acme)))).Value);

        Assert.True((await Itsm.SendAsync(new UpdateConfigurationItem(As(Acme), PayrollDb, Name: "Payroll database (new array)"))).IsSuccess);
        var listed = Assert.Single((await Itsm.QueryAsync(new ListStaleContinuityPlans(As(Acme)))).Value);
        Assert.Equal((ContinuityPlanStatus.Stale, PayrollDb), (listed.Status, Assert.Single(listed.ChangedItems)));
    }

    /// <summary>Ten thousand readings go in one command (the relational stores batch them), come back oldest first, and stay in their tenant.</summary>
    [Fact]
    public async Task CapacityReadings_TenThousandInOneCall_ComeBackOrdered_AndARepeatIsConflictThatStoresNothing()
    {
        await SeedPayrollAsync(Acme);
        var start = Instant.FromUtc(2027, 1, 1, 0, 0);
        var readings = Enumerable.Range(0, 10_000).Select(i => new CapacityReading(PayrollDb, StorageUsed, start + Duration.FromMinutes(10 * i), 40 + (i * 0.004) + (i % 7 * 0.01))).Reverse().ToArray();

        var recorded = await Itsm.SendAsync(new RecordMeasurements(As(Acme), readings));
        var overlap = await Itsm.SendAsync(new RecordMeasurements(As(Acme), [readings[0] with { At = readings[0].At + Duration.FromMinutes(5) }, readings[1]]));
        Assert.True(recorded.IsSuccess, recorded.Message);
        Assert.Equal(10_000, recorded.Value);
        Assert.Equal((ResultStatus.Conflict, "record.exists"), (overlap.Status, overlap.ErrorCode));

        var series = await WithAsync<ICapacityMeasurementStore, IReadOnlyList<Measurement>>(store => store.SeriesAsync(Acme, PayrollDb, StorageUsed, CancellationToken.None));
        Assert.Equal(readings.Reverse().Select(r => r.Measurement).ToArray(), series.ToArray());
        Assert.Empty(await WithAsync<ICapacityMeasurementStore, IReadOnlyList<Measurement>>(store => store.SeriesAsync(Globex, PayrollDb, StorageUsed, CancellationToken.None)));

        Assert.True((await Itsm.SendAsync(new SetCapacityThreshold(As(Acme), PayrollDb, StorageUsed, 70, 90))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new SetCapacityThreshold(As(Acme), PayrollDb, StorageUsed, 75, 95))).IsSuccess);
        var threshold = await WithAsync<ICapacityThresholdStore, CapacityThreshold?>(store => store.GetAsync(Acme, PayrollDb, StorageUsed, CancellationToken.None));
        Assert.Equal((75d, 95d), (threshold!.Warning, threshold.Critical));
        Assert.Empty(await WithAsync<ICapacityThresholdStore, IReadOnlyList<CapacityThreshold>>(store => store.ListAsync(Globex, CancellationToken.None)));
        var forecast = await Itsm.QueryAsync(new ForecastCapacity(As(Acme), PayrollDb, StorageUsed));
        Assert.Equal((ForecastStatus.Forecast, 10_000), (forecast.Value.Status, forecast.Value.Points));
    }

    private async Task SeedPayrollAsync(TenantId tenant)
    {
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(As(tenant), PayrollService, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(As(tenant), PayrollDb, ConfigurationItemClass.Database, "Payroll database"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new Relate(As(tenant), PayrollService, PayrollDb, RelationshipType.DependsOn))).IsSuccess);
    }
}
