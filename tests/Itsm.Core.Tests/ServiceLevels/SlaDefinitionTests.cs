using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.ServiceLevels;

public sealed class SlaDefinitionTests
{
    private static readonly Dictionary<int, SlaTargets> Targets = new()
    {
        [1] = new SlaTargets(Duration.FromMinutes(15), Duration.FromHours(4)),
        [3] = new SlaTargets(Duration.FromHours(4), Duration.FromHours(37.5)),
    };

    private static Result<SlaDefinition> Create(IReadOnlyDictionary<int, SlaTargets>? targets = null, CustomerId? customer = null, IEnumerable<int>? thresholds = null) =>
        SlaDefinition.Create(SlaDefinitionId.From("payroll-gold"), "Payroll gold", new SlaScope(ConfigurationItemId.From("svc-payroll"), customer), CalendarId.From("uk-office"), targets ?? Targets, new SlaClockRules { WarningThresholds = thresholds is null ? SlaClockRules.Default.WarningThresholds : [.. thresholds], PausedBy = [SlaPause.OnHold] });

    [Fact]
    public void Create_Valid_DefaultsThresholdsAndPolicy()
    {
        var definition = Create().Value;
        Assert.Equal([50, 75, 90], definition.WarningThresholds.AsEnumerable());
        Assert.Same(SlaRetargetPolicy.KeepElapsed, definition.RetargetPolicy);
        Assert.True(definition.Pauses("OnHold"));
        Assert.False(definition.Pauses("InProgress"));
        Assert.True(definition.Pauses(SlaPause.OnHold));
        Assert.False(definition.Pauses(SlaPause.AwaitingCustomer));
        Assert.Equal([SlaPause.OnHold], definition.PausedBy);
    }

    /// <summary>The typed pauses keep the stored names of before, so stored definitions and incidents read unchanged.</summary>
    [Fact]
    public void SlaPause_KeepsTheStoredNames_AndPausesOnTheRightHolds()
    {
        Assert.Equal(["OnHold", "AwaitingCustomer", "AwaitingSupplier"], new[] { SlaPause.OnHold, SlaPause.AwaitingCustomer, SlaPause.AwaitingSupplier }.Select(p => p.Name));
        Assert.Equal(SlaPause.OnHold, SlaPause.Named("OnHold"));
        Assert.Equal(SlaPause.Of(Itsm.Core.Incidents.IncidentState.OnHold), SlaPause.OnHold);
        Assert.True(SlaPause.OnHold.PausesOn(Itsm.Core.Incidents.HoldReason.AwaitingSupplier));
        Assert.True(SlaPause.AwaitingCustomer.PausesOn(Itsm.Core.Incidents.HoldReason.AwaitingCustomer));
        Assert.False(SlaPause.AwaitingCustomer.PausesOn(Itsm.Core.Incidents.HoldReason.AwaitingSupplier));
        Assert.False(SlaPause.Named("awaiting-Approval").PausesOn(Itsm.Core.Incidents.HoldReason.AwaitingCustomer));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaPause.Of((Itsm.Core.Incidents.HoldReason)99));
        Assert.Equal("sla.pausing-state.empty", Assert.Single(SlaDefinition.Create(
            SlaDefinitionId.From("x"), "x", new SlaScope(ConfigurationItemId.From("svc")), CalendarId.From("c"), Targets, new SlaClockRules { PausedBy = [default] }).ValidationErrors).ErrorCode);
    }

    [Fact]
    public void Create_ResponseLongerThanResolution_IsInvalid()
    {
        var result = Create(new Dictionary<int, SlaTargets> { [2] = new SlaTargets(Duration.FromHours(5), Duration.FromHours(4)) });
        Assert.Equal("sla.target.order", Assert.Single(result.ValidationErrors).ErrorCode);
        Assert.Equal("Targets.P2", result.ValidationErrors.First().Identifier);
    }

    [Fact]
    public void Create_NoTargetsZeroPriorityAndBadThreshold_ReportsEach()
    {
        var result = Create(new Dictionary<int, SlaTargets> { [0] = new SlaTargets(Duration.Zero, Duration.FromHours(1)) }, thresholds: [0, 50]);
        Assert.Equal(["sla.priority.range", "sla.target.range", "sla.threshold.range"], result.ValidationErrors.Select(e => e.ErrorCode).Order());
    }

    [Fact]
    public void TargetsFor_UncoveredPriority_IsNotFoundListingCovered()
    {
        var result = Create().Value.TargetsFor(2);
        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.Contains("P1, P3", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppliesTo_CustomerSpecificDefinition_OnlyForThatCustomer()
    {
        var service = ConfigurationItemId.From("svc-payroll");
        var general = Create().Value;
        var specific = Create(customer: CustomerId.From("acme")).Value;
        Assert.True(general.AppliesTo(service, CustomerId.From("globex")));
        Assert.True(specific.AppliesTo(service, CustomerId.From("acme")));
        Assert.False(specific.AppliesTo(service, CustomerId.From("globex")));
        Assert.False(general.AppliesTo(ConfigurationItemId.From("svc-mail"), null));
    }

    [Fact]
    public void StartClock_UsesTargetOfPriorityAndMetric()
    {
        var clock = Create().Value.StartClock(SlaMetric.Response, 1, Instant.FromUtc(2026, 3, 2, 9, 0)).Value;
        Assert.Equal(Duration.FromMinutes(15), ((SlaClockStarted)clock.Events[0]).Target);
        Assert.Equal([50, 75, 90], clock.WarningThresholds.AsEnumerable());
    }

    [Fact]
    public void Snapshot_RoundTrips()
    {
        var definition = Create(customer: CustomerId.From("acme")).Value;
        var restored = SlaDefinition.FromSnapshot(definition.ToSnapshot());
        Assert.Equal(definition.Targets, restored.Targets);
        Assert.Equal(definition.Customer, restored.Customer);
        Assert.Equal(definition.PausingStates, restored.PausingStates);
    }

    [Fact]
    public void RetargetPolicy_FromName_FindsStandardPoliciesAndRejectsOthers()
    {
        Assert.Same(SlaRetargetPolicy.Retroactive, SlaRetargetPolicy.FromName("retroactive").Value);
        Assert.Equal(ResultStatus.Invalid, SlaRetargetPolicy.FromName("sometimes").Status);
    }
}

public sealed class BreachForecastIndexTests
{
    [Fact]
    public void BreachingBefore_ReturnsClocksBreachingStrictlyBeforeInSoonestFirstOrder()
    {
        var t0 = Instant.FromUtc(2026, 3, 2, 9, 0);
        var index = BreachForecastIndex<string>.Build([("c", t0 + Duration.FromHours(3)), ("a", t0 + Duration.FromHours(1)), ("b", t0 + Duration.FromHours(2))]);
        Assert.Equal(["a", "b"], index.BreachingBefore(t0 + Duration.FromHours(3)).ToArray());
        Assert.Equal(3, index.CountBreachingBefore(t0 + Duration.FromHours(3) + Duration.FromSeconds(1)));
        Assert.Equal(0, index.CountBreachingBefore(t0));
        Assert.Equal(["b", "c"], index.BreachingBetween(t0 + Duration.FromHours(2), t0 + Duration.FromHours(4)).ToArray());
        Assert.Equal(t0 + Duration.FromHours(1), index.BreachAt(0));
    }

    [Property]
    public bool BreachingBefore_AgreesWithAScan(BreachForecastCase forecast)
    {
        var t0 = Instant.FromUtc(2026, 1, 1, 0, 0);
        var clocks = forecast.BreachMinutes.Select((m, i) => (i, t0 + Duration.FromMinutes(m))).ToList();
        var index = BreachForecastIndex<int>.Build(clocks);
        var x = t0 + Duration.FromMinutes(forecast.QueryMinute);
        var expected = clocks.Where(c => c.Item2 < x).Select(c => c.i).Order();
        return index.BreachingBefore(x).ToArray().Order().SequenceEqual(expected);
    }
}
