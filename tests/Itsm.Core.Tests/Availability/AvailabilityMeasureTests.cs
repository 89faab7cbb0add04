using Itsm.Core.Availability;
using Itsm.Core.Calendars;
using Itsm.Core.Configuration;
using NodaTime;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Availability;

/// <summary>
/// Worked examples on the shop CMDB (shop needs web and api on a 2-of-3 cluster whose nodes connect to
/// a switch; api needs db hosted on san; reports needs db) in March 2026.
/// </summary>
public sealed class AvailabilityMeasureTests
{
    private static readonly Instant March = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly Interval Month = new(March, Instant.FromUtc(2026, 4, 1, 0, 0));
    private static readonly BusinessCalendar AllHours = BusinessCalendar.TwentyFourSeven(DateTimeZone.Utc);

    /// <summary>London office hours 09:00-17:00 on weekdays.</summary>
    private static readonly BusinessCalendar OfficeHours = BusinessCalendar.Create(
        "office",
        "Europe/London",
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;

    [Fact]
    public void Measure_PlannedWindowSwitchFailureAndLostNode_EachCountedWhereItBelongs()
    {
        var outages = new[]
        {
            Outage("san", At(7, 22), At(8, 0), OutageKind.Planned),     // firmware: db down, so shop and reports down, planned
            Outage("switch", At(12, 10), At(12, 10, 30), OutageKind.Unplanned), // every node down: cluster down, shop down
            Outage("node1", At(20, 9), At(20, 10), OutageKind.Unplanned), // one node of 2-of-3: shop degraded
        };

        var figures = AvailabilityMeasure.Measure(Shop(), AllHours, Month, outages).Value;

        Assert.Equal([Id("reports"), Id("shop")], figures.Select(f => f.Service));
        var shop = figures[1];
        Assert.Equal(Duration.FromDays(31), shop.ServiceHours);
        Assert.Equal(Duration.FromHours(2), shop.Planned);
        Assert.Equal(Duration.FromDays(31) - Duration.FromHours(2), shop.Agreed);
        Assert.Equal(Duration.FromMinutes(30), shop.Down);
        Assert.Equal(Duration.FromHours(1), shop.Degraded);
        Assert.Equal(1, shop.Outages);
        Assert.Equal(Duration.FromMinutes(30), shop.MeanTimeToRestore);
        Assert.Equal(shop.Agreed - Duration.FromMinutes(30), shop.MeanTimeBetweenFailures);
        Assert.Equal(shop.Agreed, shop.MeanTimeBetweenServiceIncidents);
        Assert.Equal(1 - (30.0 / ((31 * 24 * 60) - 120)), shop.Availability!.Value, 12);

        var reports = figures[0];
        Assert.Equal(Duration.FromHours(2), reports.Planned);
        Assert.Equal(Duration.Zero, reports.Down);
        Assert.Equal(0, reports.Outages);
        Assert.Equal(1.0, reports.Availability);
        Assert.Null(reports.MeanTimeToRestore);
    }

    [Fact]
    public void Measure_FailureRunningOnPastPlannedWork_OneOutageOfTheUnplannedPartOnly()
    {
        var outages = new[]
        {
            Outage("san", At(7, 22), At(8, 0), OutageKind.Planned),
            Outage("san", At(7, 23), At(8, 0, 45), OutageKind.Unplanned), // the firmware broke it: down 45 minutes past the window
            Outage("db", At(7, 23, 30), At(8, 0, 15), OutageKind.Unplanned), // overlapping, counted once
        };

        var shop = AvailabilityMeasure.Measure(Shop(), AllHours, Month, outages, [Id("shop")]).Value.Single();

        Assert.Equal(Duration.FromHours(2), shop.Planned);
        Assert.Equal(Duration.FromMinutes(45), shop.Down);
        Assert.Equal(1, shop.Outages);
    }

    [Fact]
    public void Measure_OutsideServiceHours_NothingCountsAndAnOvernightFailureIsOneOutage()
    {
        // Friday 6 March 16:30 to Monday 9 March 09:30 (London is on GMT): 30 minutes on Friday, 30 on Monday.
        var outages = new[] { Outage("switch", At(6, 16, 30), At(9, 9, 30), OutageKind.Unplanned) };
        var night = new[] { Outage("switch", At(10, 18), At(11, 8), OutageKind.Unplanned) };

        var shop = AvailabilityMeasure.Measure(Shop(), OfficeHours, Month, [.. outages, .. night], [Id("shop")]).Value.Single();

        Assert.Equal(Duration.FromHours(22 * 8), shop.ServiceHours);
        Assert.Equal(Duration.FromHours(1), shop.Down);
        Assert.Equal(1, shop.Outages);
    }

    [Fact]
    public void Measure_MemberAddedDuringPlannedWork_AvailabilityCanFallWhileUptimeDoesNot()
    {
        // Planned work on two nodes takes the 2-of-3 cluster down (planned); the san fails meanwhile.
        var outages = new[]
        {
            Outage("node1", At(3, 10), At(3, 11), OutageKind.Planned),
            Outage("node2", At(3, 10), At(3, 11), OutageKind.Planned),
            Outage("san", At(3, 10), At(3, 11), OutageKind.Unplanned),
        };
        var graph = ShopGraph();
        var wider = AvailabilityWhatIf.WithExtraMember(graph, Id("cluster")).Value;

        var before = AvailabilityMeasure.Measure(graph.Compile(), AllHours, Month, outages, [Id("shop")]).Value.Single();
        var after = AvailabilityMeasure.Measure(wider.Graph.Compile(), AllHours, Month, outages, [Id("shop")]).Value.Single();

        Assert.Equal(Duration.FromHours(1), before.Planned);
        Assert.Equal(Duration.Zero, before.Down);
        Assert.Equal(Duration.Zero, after.Planned);
        Assert.Equal(Duration.FromHours(1), after.Down); // the san failure now falls in agreed time
        Assert.Equal(before.Uptime, after.Uptime);
        Assert.True(after.Availability < before.Availability);
    }

    [Fact]
    public void WithExtraMember_TwoNodesLost_ServiceDegradedInsteadOfDown()
    {
        var outages = new[]
        {
            Outage("node1", At(3, 10), At(3, 12), OutageKind.Unplanned),
            Outage("node2", At(3, 11), At(3, 13), OutageKind.Unplanned),
        };
        var graph = ShopGraph();
        var wider = AvailabilityWhatIf.WithExtraMember(graph, Id("cluster")).Value;

        var before = AvailabilityMeasure.Measure(graph.Compile(), AllHours, Month, outages, [Id("shop")]).Value.Single();
        var after = AvailabilityMeasure.Measure(wider.Graph.Compile(), AllHours, Month, outages, [Id("shop")]).Value.Single();

        Assert.Equal(Id("cluster~what-if-member"), wider.Member);
        Assert.Equal(Duration.FromHours(1), before.Down);
        Assert.Equal(Duration.FromHours(2), before.Degraded);
        Assert.Equal(Duration.Zero, after.Down);
        Assert.Equal(Duration.FromHours(3), after.Degraded);
        Assert.Equal(1.0, after.Availability);
        Assert.Equal(ResultStatus.NotFound, AvailabilityWhatIf.WithExtraMember(graph, Id("nowhere")).Status);
    }

    [Fact]
    public void Measure_OngoingOutage_LastsToThePeriodEnd()
    {
        var outages = new[] { Outage("switch", At(31, 23), null, OutageKind.Unplanned) };

        var shop = AvailabilityMeasure.Measure(Shop(), AllHours, Month, outages, [Id("shop")]).Value.Single();

        Assert.Equal(Duration.FromHours(1), shop.Down);
        Assert.Equal(1, shop.Outages);
    }

    [Fact]
    public void Measure_BadInput_TypedFailures()
    {
        var unknown = AvailabilityMeasure.Measure(Shop(), AllHours, Month, [Outage("ghost", At(2, 0), At(2, 1), OutageKind.Unplanned)]);
        var unknownService = AvailabilityMeasure.Measure(Shop(), AllHours, Month, [], [Id("ghost")]);
        var open = AvailabilityMeasure.Measure(Shop(), AllHours, new Interval(March, null), []);
        var defaulted = AvailabilityMeasure.Measure(Shop(), AllHours, Month, [default(Outage)]);

        Assert.Equal("cmdb.item.unknown", unknown.ErrorCode);
        Assert.Equal(ResultStatus.NotFound, unknownService.Status);
        Assert.Equal("availability.period.invalid", open.ValidationErrors.Single().ErrorCode);
        Assert.Equal("availability.outage.invalid", defaulted.ValidationErrors.Single().ErrorCode);
        Assert.Equal("availability.outage.interval", Itsm.Core.Availability.Outage.Create(Id("san"), At(2, 1), At(2, 1), OutageKind.Planned).ValidationErrors.Single().ErrorCode);
    }

    [Fact]
    public void Measure_EmptyPeriod_ZeroFiguresAndUndefinedAvailability()
    {
        var shop = AvailabilityMeasure.Measure(Shop(), AllHours, new Interval(March, March), [Outage("switch", At(1, 0), At(1, 1), OutageKind.Unplanned)], [Id("shop")]).Value.Single();

        Assert.Equal(Duration.Zero, shop.Agreed);
        Assert.Null(shop.Availability);
        Assert.Equal(0, shop.Outages);
    }

    private static Instant At(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 3, day, hour, minute);

    private static Outage Outage(string item, Instant start, Instant? end, OutageKind kind) => Itsm.Core.Availability.Outage.Create(Id(item), start, end, kind).Value;

    /// <summary>The shop CMDB of <see cref="Shop"/> as a graph, for the what-if.</summary>
    private static CmdbGraph ShopGraph()
    {
        ConfigurationItem Ci(string id, ConfigurationItemClass c, RedundancyRule rule = default) =>
            ConfigurationItem.Register(Id(id), c, id, UserId.From("tester"), Instant.FromUtc(2026, 1, 1, 0, 0), redundancy: rule).Value;
        Relationship R(string s, string t, RelationshipType type) => Relationship.Create(Id(s), Id(t), type).Value;
        return CmdbGraph.Empty.Import(
            [
                Ci("shop", ConfigurationItemClass.BusinessService), Ci("reports", ConfigurationItemClass.BusinessService),
                Ci("web", ConfigurationItemClass.Application), Ci("api", ConfigurationItemClass.Application), Ci("db", ConfigurationItemClass.Database),
                Ci("cluster", ConfigurationItemClass.Cluster, RedundancyRule.AtLeast(2)),
                Ci("node1", ConfigurationItemClass.Server), Ci("node2", ConfigurationItemClass.Server), Ci("node3", ConfigurationItemClass.Server),
                Ci("switch", ConfigurationItemClass.NetworkDevice), Ci("san", ConfigurationItemClass.Storage),
            ],
            [
                R("shop", "web", RelationshipType.DependsOn), R("shop", "api", RelationshipType.DependsOn), R("reports", "db", RelationshipType.DependsOn),
                R("api", "db", RelationshipType.DependsOn), R("web", "cluster", RelationshipType.RunsOn), R("api", "cluster", RelationshipType.RunsOn),
                R("node1", "cluster", RelationshipType.MemberOf), R("node2", "cluster", RelationshipType.MemberOf), R("node3", "cluster", RelationshipType.MemberOf),
                R("node1", "switch", RelationshipType.ConnectsTo), R("node2", "switch", RelationshipType.ConnectsTo), R("node3", "switch", RelationshipType.ConnectsTo),
                R("db", "san", RelationshipType.HostedOn),
            ]).Value;
    }
}

/// <summary>Availability targets on worked figures.</summary>
public sealed class AvailabilityTargetTests
{
    [Fact]
    public void Assess_NinetyNineFiveOverThirtyDays_AllowsThreeHoursThirtySixMinutes()
    {
        var period = new Interval(Instant.FromUtc(2026, 4, 1, 0, 0), Instant.FromUtc(2026, 5, 1, 0, 0));
        var figures = new ServiceAvailability(Itsm.Core.Tests.Configuration.CmdbFixtures.Id("shop"), period, Duration.FromDays(30), Duration.Zero, Duration.FromHours(4), Duration.Zero, 2);
        var target = AvailabilityTarget.Create(figures.Service, 0.995).Value;

        var attained = target.Assess(figures).Value;

        Assert.False(attained.Met);
        Assert.Equal(Duration.FromMinutes(216), attained.AllowedDowntime);
        Assert.Equal(Duration.FromMinutes(-24), attained.ToSpare);
        Assert.Equal("availability.target.invalid", AvailabilityTarget.Create(figures.Service, 1.5).ValidationErrors.Single().ErrorCode);
        Assert.Equal("availability.target.service", AvailabilityTarget.Create(Itsm.Core.Tests.Configuration.CmdbFixtures.Id("reports"), 0.9).Value.Assess(figures).ValidationErrors.Single().ErrorCode);
    }
}
