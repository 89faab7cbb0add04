using Itsm.Core.Capacity;
using Itsm.Core.Configuration;
using NodaTime;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Capacity;

/// <summary>The capacity roll-up on the shop CMDB (shop needs web and api on a 2-of-3 cluster; api and reports need db on san).</summary>
public sealed class CapacityRiskTests
{
    private static readonly Instant March = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static CapacitySeries Rising(string item, double start, double perDay) =>
        new(Id(item), CapacityMetric.From("used_pct"), [.. Enumerable.Range(0, 10).Select(d => new Measurement(March + Duration.FromDays(d), start + (perDay * d) + (d % 2 * 0.1)))], 90);

    private static CapacitySeries Flat(string item) =>
        new(Id(item), CapacityMetric.From("used_pct"), [.. Enumerable.Range(0, 10).Select(d => new Measurement(March + Duration.FromDays(d), 50 + (d % 2)))], 90);

    [Fact]
    public void Assess_StorageFillingWithinTheHorizon_ServiceDownThroughTheDatabase()
    {
        var risk = CapacityRisk.Assess(Shop(), Id("shop"), [Rising("san", 60, 1), Flat("node1"), Rising("switch", 10, 0.01)], March + Duration.FromDays(10), Duration.FromDays(90)).Value;

        var item = Assert.Single(risk.Items);
        Assert.Equal(Id("san"), item.Item);
        Assert.Equal(ForecastStatus.Forecast, item.Forecast.Status);
        Assert.Equal(ImpactState.Down, risk.ServiceState);
        Assert.Equal(ImpactState.Degraded, CapacityRisk.Assess(Shop(), Id("shop"), [Rising("san", 60, 1)], March, Duration.FromDays(90), SaturationPolicy.Degraded).Value.ServiceState);
    }

    [Fact]
    public void Assess_OneClusterNodeSaturated_ServiceOnlyDegradedAndOutsideItemsIgnored()
    {
        var shop = CapacityRisk.Assess(Shop(), Id("shop"), [Rising("node1", 85, 1)], March + Duration.FromDays(10), Duration.FromDays(30)).Value;
        var reports = CapacityRisk.Assess(Shop(), Id("reports"), [Rising("node1", 85, 1)], March + Duration.FromDays(10), Duration.FromDays(30)).Value;

        Assert.Equal(ForecastStatus.AlreadyAbove, Assert.Single(shop.Items).Forecast.Status);
        Assert.Equal(ImpactState.Degraded, shop.ServiceState);
        Assert.Empty(reports.Items);
        Assert.Equal(ImpactState.Up, reports.ServiceState);
    }

    [Fact]
    public void Assess_CrossingBeyondTheHorizonOrBadInput_NoRiskOrTypedFailure()
    {
        var later = CapacityRisk.Assess(Shop(), Id("shop"), [Rising("san", 10, 0.5)], March + Duration.FromDays(10), Duration.FromDays(30)).Value;

        Assert.Empty(later.Items);
        Assert.Equal(ImpactState.Up, later.ServiceState);
        Assert.Equal(ResultStatus.NotFound, CapacityRisk.Assess(Shop(), Id("ghost"), [], March, Duration.FromDays(1)).Status);
        Assert.Equal("capacity.horizon.invalid", CapacityRisk.Assess(Shop(), Id("shop"), [], March, Duration.FromDays(-1)).ValidationErrors.Single().ErrorCode);
        Assert.Contains("used_pct", Rising("san", 1, 1).ToString());
    }
}
