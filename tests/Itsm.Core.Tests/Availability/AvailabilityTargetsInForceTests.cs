using Itsm.Core.Availability;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Availability;

/// <summary>
/// Which availability target is in force when (<see cref="ServiceAvailabilityTargets.InForce"/>), and how a period whose target changed
/// inside it attains its targets part by part (<see cref="AvailabilityAttainment"/>), worked by hand over March 2027 around the clock.
/// </summary>
public sealed class AvailabilityTargetsInForceTests
{
    private static readonly UserId Manager = UserId.From("service-manager");
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("payroll");
    private static readonly Instant Recorded = Instant.FromUtc(2027, 4, 1, 9, 0);
    private static readonly Interval March = new(Day(1), Instant.FromUtc(2027, 4, 1, 0, 0));

    private static Instant Day(int day) => Instant.FromUtc(2027, 3, day, 0, 0);

    /// <summary>March's figures around the clock: 744 h of service hours, 4 h planned, 30 min down, all on 10 March; cut to <paramref name="part"/>.</summary>
    private static ServiceAvailability Figures(Interval part)
    {
        var hours = part.Duration;
        var planned = part.Contains(Day(7) + Duration.FromHours(22)) ? Duration.FromHours(4) : Duration.Zero;
        var down = part.Contains(Day(10) + Duration.FromHours(12)) ? Duration.FromMinutes(30) : Duration.Zero;
        return new ServiceAvailability(Payroll, part, hours, planned, down, Duration.Zero, down > Duration.Zero ? 1 : 0);
    }

    private static AvailabilityAttainment Assess(ServiceAvailabilityTargets targets, string? offering = null) =>
        AvailabilityAttainment.Compose(Payroll, March, targets.InForce(offering, March).Select(p => new AvailabilityAttainmentPart(p.Target, Figures(p.Period))));

    private static void AssertSeconds(double expected, Duration actual) => Assert.Equal(expected, actual.TotalSeconds, 6);

    [Fact]
    public void InForce_TargetRaisedMidMonth_SplitsMarch_AndEachPartIsAssessedAgainstItsOwn()
    {
        // 99.9 % agreed from 1 March; on 1 April the review records that 99.95 % applied from 16 March.
        var targets = ServiceAvailabilityTargets.Define(Payroll, null, 0.999, Manager, Recorded, Day(1)).Value;
        Assert.True(targets.Set(null, 0.9995, Manager, Recorded + Duration.FromMinutes(1), Day(16)).IsSuccess);

        var inForce = targets.InForce(null, March);
        var attainment = Assess(targets);

        Assert.Equal([new(new Interval(Day(1), Day(16)), 0.999), new(new Interval(Day(16), March.End), 0.9995)], inForce.ToArray());
        var (first, second) = (attainment.Parts[0], attainment.Parts[1]);
        Assert.Equal((Duration.FromHours(356), Duration.FromMinutes(30), false), (first.Figures.Agreed, first.Figures.Down, first.Met));
        AssertSeconds(1281.6, first.AllowedDowntime!.Value); // 0.1 % of 356 h = 21 min 21.6 s: the first half missed
        Assert.Equal((Duration.FromHours(384), Duration.Zero, true), (second.Figures.Agreed, second.Figures.Down, second.Met));
        AssertSeconds(691.2, second.AllowedDowntime!.Value); // 0.05 % of 384 h
        Assert.Equal((Duration.FromHours(740), Duration.FromMinutes(30)), (attainment.Agreed, attainment.Down));
        AssertSeconds(1972.8, attainment.AllowedDowntime); // the time-weighted allowance, 32 min 52.8 s: the month as a whole met it
        Assert.True(attainment.Met);
        AssertSeconds(172.8, attainment.ToSpare);
        Assert.Equal(((0.999 * 356) + (0.9995 * 384)) / 740, attainment.Target, 12);
        Assert.Equal(1 - (0.5 / 740), attainment.Achieved!.Value, 12);
    }

    [Fact]
    public void InForce_TargetSetAfterThePeriod_LeavesThePeriodWithNoneAgreed()
    {
        var setInApril = ServiceAvailabilityTargets.Define(Payroll, null, 0.999, Manager, Recorded).Value;
        var effectiveOnTheFirstOfApril = ServiceAvailabilityTargets.Define(Payroll, null, 0.999, Manager, Day(20), March.End).Value;

        Assert.Equal([new(March, null)], setInApril.InForce(null, March).ToArray());
        Assert.Equal([new(March, null)], effectiveOnTheFirstOfApril.InForce(null, March).ToArray()); // half-open: 1 April is not in March
        Assert.Equal(0.999, setInApril.TargetFor(null)!.Target); // the latest agreed, though never in force in March
        Assert.Throws<ArgumentException>(() => Assess(setInApril));
    }

    [Fact]
    public void InForce_TargetSetBeforeThePeriod_AppliesThroughout_AsOnePart()
    {
        var targets = ServiceAvailabilityTargets.Define(Payroll, null, 0.999, Manager, Instant.FromUtc(2027, 1, 5, 9, 0)).Value;

        var attainment = Assess(targets);

        Assert.Equal([new(March, 0.999)], targets.InForce(null, March).ToArray());
        var part = Assert.Single(attainment.Parts);
        Assert.Equal(AvailabilityTarget.Create(Payroll, 0.999).Value.Assess(Figures(March)).Value, attainment);
        AssertSeconds(2664, attainment.AllowedDowntime); // 0.1 % of 740 h = 44 min 24 s
        Assert.Equal((true, 0.999, true), (attainment.Met, attainment.Target, part.Met));
    }

    [Fact]
    public void InForce_FirstTargetInsideThePeriod_LeavesTheTimeBeforeItUnassessed()
    {
        var targets = ServiceAvailabilityTargets.Define(Payroll, null, 0.9995, Manager, Recorded, Day(16)).Value;

        var attainment = Assess(targets);

        Assert.Equal([new(new Interval(Day(1), Day(16)), null), new(new Interval(Day(16), March.End), 0.9995)], targets.InForce(null, March).ToArray());
        Assert.Null(attainment.Parts[0].Met);
        Assert.Equal((Duration.FromHours(384), Duration.Zero, true), (attainment.Agreed, attainment.Down, attainment.Met)); // 10 March's downtime had no target
    }

    [Fact]
    public void InForce_OfAnOffering_IsItsOwnOnceInForce_TheServicesBefore_AndEqualNeighboursMerge()
    {
        var targets = ServiceAvailabilityTargets.Define(Payroll, null, 0.999, Manager, Recorded, Day(1)).Value;
        Assert.True(targets.Set("gold", 0.9999, Manager, Recorded + Duration.FromMinutes(1), Day(20)).IsSuccess);
        Assert.True(targets.Set("silver", 0.999, Manager, Recorded + Duration.FromMinutes(2), Day(10)).IsSuccess);

        Assert.Equal([new(new Interval(Day(1), Day(20)), 0.999), new(new Interval(Day(20), March.End), 0.9999)], targets.InForce("gold", March).ToArray());
        Assert.Equal([new(March, 0.999)], targets.InForce("silver", March).ToArray()); // the same value from the offering's own revision on: one part
        Assert.Equal([new(March, 0.999)], targets.InForce(null, March).ToArray());
        Assert.Equal((0.999, 0.9999, (double?)null), (targets.TargetAt("gold", Day(19)), targets.TargetAt("gold", Day(20)), targets.TargetAt(null, Day(1) - Duration.Epsilon)));
    }

    [Fact]
    public void Set_TakingEffectAtOrBeforeTheSameTargetsLatestRevision_IsAConflict_AndChangesNothing()
    {
        var targets = ServiceAvailabilityTargets.Define(Payroll, null, 0.999, Manager, Recorded, Day(16)).Value;

        var same = targets.Set(null, 0.99, Manager, Recorded + Duration.FromMinutes(1), Day(16));
        var earlier = targets.Set(null, 0.99, Manager, Recorded + Duration.FromMinutes(1), Day(1));
        var otherTarget = targets.Set("gold", 0.9999, Manager, Recorded + Duration.FromMinutes(1), Day(1));

        Assert.Equal((ResultStatus.Conflict, ResultStatus.Conflict), (same.Status, earlier.Status));
        Assert.StartsWith(ServiceAvailabilityTargets.EffectiveOrderCode, same.Errors.Single(), StringComparison.Ordinal);
        Assert.StartsWith(ServiceAvailabilityTargets.EffectiveOrderCode, earlier.Errors.Single(), StringComparison.Ordinal);
        Assert.True(otherTarget.IsSuccess); // each target has its own order
        Assert.Equal([Day(16), Day(1)], targets.History.Cast<AvailabilityTargetSet>().Select(s => s.Effective));
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2150)]
    public void Define_TakingEffectOutsideTheCalendarsRange_IsInvalid(int year)
    {
        var defined = ServiceAvailabilityTargets.Define(Payroll, null, 0.999, Manager, Recorded, Instant.FromUtc(year, 6, 1, 0, 0));

        Assert.Equal(ServiceAvailabilityTargets.EffectiveCode, defined.ValidationErrors.Single().ErrorCode);
    }

    [Fact]
    public void Restore_ReplaysTheEffectiveInstants_AndRefusesAHistoryWhoseRevisionsTakeEffectOutOfOrder()
    {
        var targets = ServiceAvailabilityTargets.Define(Payroll, null, 0.999, Manager, Recorded, Day(1)).Value;
        Assert.True(targets.Set(null, 0.9995, Manager, Recorded + Duration.FromMinutes(1), Day(16)).IsSuccess);
        var outOfOrder = new ServiceAvailabilityTargetsSnapshot(Payroll, [.. targets.History, new AvailabilityTargetSet(Recorded + Duration.FromMinutes(2), Manager, null, 0.99, Day(2))]);

        var restored = ServiceAvailabilityTargets.Restore(targets.ToSnapshot());
        var refused = ServiceAvailabilityTargets.Restore(outOfOrder);

        Assert.Equal(targets.InForce(null, March), restored.Value.InForce(null, March).ToArray());
        Assert.Equal(ServiceAvailabilityTargets.HistoryCode, refused.ValidationErrors.Single().ErrorCode);
    }

    [Fact]
    public void Compose_PartsThatDoNotCoverThePeriodInOrder_AreProgrammerErrors()
    {
        var first = new AvailabilityAttainmentPart(0.999, Figures(new Interval(Day(1), Day(16))));
        var second = new AvailabilityAttainmentPart(0.999, Figures(new Interval(Day(17), March.End)));

        Assert.Throws<ArgumentException>(() => AvailabilityAttainment.Compose(Payroll, March, [first, second]));
        Assert.Throws<ArgumentException>(() => AvailabilityAttainment.Compose(Payroll, March, [first]));
        Assert.Throws<ArgumentException>(() => AvailabilityAttainment.Compose(Payroll, March, []));
        Assert.Throws<ArgumentException>(() => AvailabilityAttainment.Compose(Payroll, March, [new AvailabilityAttainmentPart(1.5, Figures(March))]));
        Assert.Throws<ArgumentException>(() => AvailabilityAttainment.Compose(ConfigurationItemId.From("crm"), March, [new AvailabilityAttainmentPart(0.99, Figures(March))]));
    }
}
