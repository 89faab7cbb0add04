using Itsm.Core.Availability;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Availability;

/// <summary>A service's availability targets: one for the service and one per offering, set with history, the offering's own winning.</summary>
public sealed class ServiceAvailabilityTargetsTests
{
    private static readonly UserId Manager = UserId.From("service-manager");
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 9, 0);
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("payroll");

    private static ServiceAvailabilityTargets Defined()
    {
        var targets = ServiceAvailabilityTargets.Define(Payroll, null, 0.995, Manager, At).Value;
        Assert.True(targets.Set("gold", 0.999, Manager, At + Duration.FromMinutes(1)).IsSuccess);
        return targets;
    }

    [Fact]
    public void TargetFor_AnOfferingWithItsOwnTarget_GivesIt_ElseTheServiceTarget()
    {
        var targets = Defined();

        Assert.Equal(0.999, targets.TargetFor("gold")!.Target);
        Assert.Equal(0.995, targets.TargetFor("silver")!.Target);
        Assert.Equal(0.995, targets.TargetFor(null)!.Target);
        Assert.Equal(Payroll, targets.TargetFor("gold")!.Service);
    }

    [Fact]
    public void TargetFor_WithoutAServiceTarget_IsNullForOtherOfferings()
    {
        var targets = ServiceAvailabilityTargets.Define(Payroll, "gold", 0.999, Manager, At).Value;

        Assert.Null(targets.TargetFor(null));
        Assert.Null(targets.TargetFor("silver"));
        Assert.Null(targets.ServiceTarget);
    }

    [Fact]
    public void Set_RecordsEachChange_AndRefusesTheSameValue()
    {
        var targets = Defined();

        Assert.True(targets.Set(null, 0.99, Manager, At + Duration.FromMinutes(2)).IsSuccess);
        var same = targets.Set(null, 0.99, Manager, At + Duration.FromMinutes(3));

        Assert.Equal(ServiceAvailabilityTargets.UnchangedCode, same.ValidationErrors.Single().ErrorCode);
        Assert.Equal([0.995, 0.999, 0.99], targets.History.Cast<AvailabilityTargetSet>().Select(e => e.Target));
        Assert.Equal(0.99, targets.ServiceTarget);
    }

    public static TheoryData<string?, double, string> Refused => new()
    {
        { null, 0, "availability.target.invalid" },
        { null, 1.5, "availability.target.invalid" },
        { null, double.NaN, "availability.target.invalid" },
        { " gold", 0.9, "availability.target.offering" },
        { string.Empty, 0.9, "availability.target.offering" },
        { "go\u0007ld", 0.9, "availability.target.offering" },
        { new string('g', 201), 0.9, "availability.target.offering" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Set_OfATargetOrOfferingThatDoesNotFit_IsInvalid_AndChangesNothing(string? offering, double target, string code)
    {
        var targets = Defined();

        var set = targets.Set(offering, target, Manager, At + Duration.FromMinutes(5));

        Assert.Equal(code, set.ValidationErrors.Single().ErrorCode);
        Assert.Equal(2, targets.History.Count);
    }

    [Fact]
    public void Set_BeforeTheLatestRecord_IsAConflict()
    {
        var set = Defined().Set("silver", 0.99, Manager, At);

        Assert.Equal(ResultStatus.Conflict, set.Status);
        Assert.StartsWith(ServiceAvailabilityTargets.TimeOrderCode, set.Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_ReplaysTheHistory_AndRefusesOneThatRunsBackwards()
    {
        var snapshot = Defined().ToSnapshot();

        var restored = ServiceAvailabilityTargets.Restore(snapshot);
        var backwards = ServiceAvailabilityTargets.Restore(snapshot with { History = snapshot.History.SetItem(1, (AvailabilityTargetSet)snapshot.History[1] with { At = At - Duration.FromMinutes(1) }) });
        var empty = ServiceAvailabilityTargets.Restore(snapshot with { History = [] });

        Assert.Equal(Defined().ToString(), restored.Value.ToString());
        Assert.Equal<AvailabilityTargetEvent>(snapshot.History, restored.Value.History);
        Assert.Contains("history record 1", backwards.ValidationErrors.Single().ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([ServiceAvailabilityTargets.HistoryCode, ServiceAvailabilityTargets.HistoryCode], [backwards.ValidationErrors.Single().ErrorCode, empty.ValidationErrors.Single().ErrorCode]);
    }
}
