using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Changes;

/// <summary>Builders shared by the change tests (their generators are in <see cref="Arbitraries"/>).</summary>
internal static class ChangeFixtures
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 11, 21, 22, 0);
    public static readonly UserId Requester = UserId.From("alice");
    public static readonly UserId Manager = UserId.From("bob");
    public static readonly UserId[] CabMembers = [UserId.From("cab1"), UserId.From("cab2"), UserId.From("cab3"), UserId.From("cab4")];
    public static readonly UserId Ecab = UserId.From("ecab");
    public static readonly ConfigurationItemId Db = ConfigurationItemId.From("db-01");
    public static readonly ConfigurationItemId App = ConfigurationItemId.From("app-01");
    public static readonly ConfigurationItemId Payments = ConfigurationItemId.From("svc-payments");

    public static readonly ChangePlans FullPlans = new("apply patch", "tested in staging", "restore snapshot");

    public static readonly StandardChangeTemplate PatchTemplate = new("os-patch", "Monthly OS patch", FullPlans);

    public static Interval Window(int startHours = 0, int hours = 2) => new(T0 + Duration.FromHours(startHours), T0 + Duration.FromHours(startHours + hours));

    public static ChangeRequest Raise(ChangeType type = ChangeType.Normal, ChangePlans? plans = null, UserId? requester = null)
    {
        var result = ChangeRequest.Raise(
            ChangeId.New(), type, "Patch the database", requester ?? Requester, [Db], [Db], Window(), type == ChangeType.Standard ? null : plans ?? FullPlans,
            T0, type == ChangeType.Standard ? PatchTemplate : null);
        Xunit.Assert.True(result.IsSuccess, result.Message);
        return result.Value;
    }

    public static RiskAssessment Assessed(RiskClass wanted) => wanted switch
    {
        RiskClass.Low => RiskModel.Default.Assess(new RiskInput(ImpactSummary.None)),
        RiskClass.Medium => RiskModel.Default.Assess(new RiskInput(Impact(ServiceCriticality.Medium, ServiceEffect.Down), hasTestEvidence: false)),
        RiskClass.High => RiskModel.Default.Assess(new RiskInput(Impact(ServiceCriticality.High, ServiceEffect.Down), hasTestEvidence: false)),
        _ => RiskModel.Default.Assess(new RiskInput(Impact(ServiceCriticality.Critical, ServiceEffect.Down), hasTestEvidence: false, hasBackoutPlan: false)),
    };

    public static ImpactSummary Impact(ServiceCriticality criticality, ServiceEffect effect) => new([new ImpactedService(Payments, criticality, effect)], 3);

    /// <summary>A change driven to Assessed with the given class under the default policy.</summary>
    public static ChangeRequest AssessedChange(ChangeType type, RiskClass risk, ApprovalPolicy? policy = null)
    {
        var change = Raise(type);
        Xunit.Assert.True(change.Submit(Requester, T0).IsSuccess);
        Xunit.Assert.True(change.AssessRisk(Assessed(risk), policy ?? ApprovalPolicy.Default, Manager, T0).IsSuccess);
        return change;
    }
}
