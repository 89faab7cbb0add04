using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Tests.Incidents;

public class PriorityPolicyTests
{
    private static readonly PriorityPolicy Policy = PriorityPolicy.Default;

    [Fact]
    public void Decide_PlainIncident_UsesTheMatrixCell()
    {
        var decision = Policy.Decide(Impact.FromLevel(2), Urgency.FromLevel(2), IncidentFacts.None).Value;

        Assert.Equal(Priority.FromRank(3), decision.Priority);
        Assert.Empty(decision.Rules);
        Assert.Equal("ITIL 3x3: impact I2, urgency U2 -> P3", decision.Explain()[0]);
    }

    [Fact]
    public void Decide_VipCaller_RaisesUrgencyOneStepAndSaysSo()
    {
        var decision = Policy.Decide(Impact.FromLevel(2), Urgency.FromLevel(2), new IncidentFacts { IsVipCaller = true }).Value;

        Assert.Equal(Urgency.FromLevel(1), decision.EffectiveUrgency);
        Assert.Equal(Priority.FromRank(2), decision.Priority);
        var rule = Assert.Single(decision.Rules);
        Assert.Equal(("vip-caller", "urgency U2 -> U1", true), (rule.Rule, rule.Change, rule.Applied));
    }

    [Fact]
    public void Decide_MajorIncident_ForcesP1()
    {
        var decision = Policy.Decide(Impact.FromLevel(3), Urgency.FromLevel(3), new IncidentFacts { IsMajorIncident = true }).Value;

        Assert.Equal(Priority.FromRank(5), decision.MatrixPriority);
        Assert.Equal(Priority.FromRank(1), decision.Priority);
        Assert.Contains("rule major-incident: priority P5 -> P1", decision.Explain());
    }

    [Fact]
    public void Decide_LevelOutsideMatrix_IsInvalidNamingField()
    {
        var result = Policy.Decide(Impact.FromLevel(4), Urgency.FromLevel(1), IncidentFacts.None);

        Assert.Equal("Impact", Assert.Single(result.ValidationErrors).Identifier);
    }

    [Fact]
    public void Override_NeedsAReasonAndIsExplained()
    {
        var decision = Policy.Decide(Impact.FromLevel(3), Urgency.FromLevel(3), IncidentFacts.None).Value;
        var at = Instant.FromUtc(2026, 3, 2, 10, 0);

        Assert.Equal(ResultStatus.Invalid, decision.WithOverride(Priority.FromRank(1), "  ", UserId.From("lead"), at).Status);

        var overridden = decision.WithOverride(Priority.FromRank(2), "board meeting depends on it", UserId.From("lead"), at).Value;
        Assert.Equal(Priority.FromRank(2), overridden.Priority);
        Assert.Equal(Priority.FromRank(5), overridden.Computed);
        Assert.Contains(overridden.Explain(), l => l.Contains("override by lead", StringComparison.Ordinal) && l.Contains("board meeting", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_ThatLowersWithoutPermission_IsRefusedAndExplained()
    {
        var lowering = PriorityRule.Create("demote", "tries to demote", adjustPriority: (_, _) => Priority.FromRank(5));
        var policy = new PriorityPolicy(PriorityMatrix.Itil3x3, [lowering]);

        var decision = policy.Decide(Impact.FromLevel(1), Urgency.FromLevel(1), IncidentFacts.None).Value;

        Assert.Equal(Priority.FromRank(1), decision.Priority);
        Assert.False(Assert.Single(decision.Rules).Applied);
    }

    [Fact]
    public void Rule_AllowedToLower_Lowers()
    {
        var testSystem = PriorityRule.Create("test-system", "test systems are P5", adjustPriority: (f, _) => f.Flags.Contains("test") ? Priority.FromRank(5) : null, mayLower: true);
        var policy = new PriorityPolicy(PriorityMatrix.Itil3x3, [testSystem]);

        var decision = policy.Decide(Impact.FromLevel(1), Urgency.FromLevel(1), new IncidentFacts { Flags = ["test"] }).Value;

        Assert.Equal(Priority.FromRank(5), decision.Priority);
    }

    [Property]
    public bool Property_RulesNeverLowerPriorityUnlessAllowed(PriorityRulesCase x)
    {
        var rules = x.Rules.ToList();
        var policy = new PriorityPolicy(PriorityMatrix.Itil3x3, [PriorityRule.VipCaller, .. rules, PriorityRule.MajorIncident]);
        var decision = policy.Decide(Impact.FromLevel(x.Impact), Urgency.FromLevel(x.Urgency), x.Facts).Value;
        var plain = PriorityMatrix.Itil3x3.PriorityFor(Impact.FromLevel(x.Impact), Urgency.FromLevel(x.Urgency));
        var anyMayLower = rules.Any(r => r.MayLower);
        return (anyMayLower || decision.Priority.Rank <= plain.Rank)
            && decision.Priority.Rank is >= 1 and <= 5
            && (!x.Facts.IsMajorIncident || decision.Priority.Rank == 1);
    }
}
