using System.Collections.Immutable;
using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Continuity;
using NodaTime;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Continuity;

/// <summary>The continuity record of a service: business impact, plan and tests, one history record per change, restored by replaying it.</summary>
public sealed class ContinuityPlanTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);
    private static readonly UserId Alice = UserId.From("alice");
    private static readonly ConfigurationState Payroll = ConfigurationState.Create([Item("payroll"), Item("db"), Item("san"), Item("spare")], [Rel("payroll", "db"), Rel("db", "san")]).Value;

    private static ContinuityPlan Defined(Instant at)
    {
        var plan = ContinuityPlan.DefineImpact(Id("payroll"), Duration.FromHours(24), Duration.FromHours(4), Duration.FromMinutes(15), Alice, at).Value;
        Assert.True(plan.DefinePlan(["fail over the database", " restore the last snapshot "], [Id("san"), Id("db"), Id("db")], Alice, at + Duration.FromMinutes(1)).IsSuccess);
        return plan;
    }

    [Fact]
    public void DefineReviseTest_OneRecordPerChange_AndTheTestIsJudgedAgainstTheImpactInForce()
    {
        var plan = Defined(Start);

        Assert.True(plan.RecordTest(Start, Duration.FromHours(3), Duration.FromMinutes(5), Payroll, Alice, Start + Duration.FromDays(1)).IsSuccess);
        Assert.True(plan.ReviseImpact(Duration.FromHours(24), Duration.FromHours(2), Duration.FromMinutes(15), Alice, Start + Duration.FromDays(2)).IsSuccess);
        Assert.True(plan.RecordTest(Start + Duration.FromDays(2), Duration.FromHours(3), Duration.FromMinutes(5), Payroll, Alice, Start + Duration.FromDays(2)).IsSuccess);

        Assert.Equal([typeof(BusinessImpactDefined), typeof(ContinuityPlanDefined), typeof(ContinuityPlanTested), typeof(BusinessImpactDefined), typeof(ContinuityPlanTested)], plan.History.Select(e => e.GetType()));
        Assert.Equal(["fail over the database", "restore the last snapshot"], plan.RecoverySteps.ToArray());
        Assert.Equal([Id("db"), Id("san")], plan.CoveredItems.ToArray());
        Assert.Equal([true, false], plan.Tests.Select(t => t.Passed));
        Assert.Equal(Duration.FromHours(1), plan.Tests[1].RtoGap);
        Assert.Equal(Start, plan.LastPassedTest!.At);
        Assert.Equal(["db", "payroll", "san"], plan.LastPassedTest.Closure.Items.Keys.Select(k => k.Value));
    }

    [Fact]
    public void Changes_RefusedWithTheirCodes_AndChangeNothing()
    {
        var bare = ContinuityPlan.DefineImpact(Id("payroll"), Duration.FromHours(24), Duration.FromHours(4), Duration.FromMinutes(15), Alice, Start).Value;
        var plan = Defined(Start);
        var before = plan.History;

        Assert.Equal(ContinuityPlan.PlanUndefinedCode, bare.RecordTest(Start, Duration.FromHours(1), Duration.Zero, Payroll, Alice, Start).ErrorCode);
        Assert.Equal(ContinuityPlan.TimeOrderCode, plan.ReviseImpact(Duration.FromHours(24), Duration.FromHours(4), Duration.Zero, Alice, Start).ErrorCode);
        Assert.Equal(ContinuityPlan.TestInFutureCode, plan.RecordTest(Start + Duration.FromDays(2), Duration.FromHours(1), Duration.Zero, Payroll, Alice, Start + Duration.FromDays(1)).ErrorCode);
        Assert.Equal(ContinuityPlan.StepsCode, plan.DefinePlan([], [], Alice, Start + Duration.FromDays(1)).ErrorCode);
        Assert.Equal(ContinuityPlan.StepsCode, plan.DefinePlan(["ok", "  "], [], Alice, Start + Duration.FromDays(1)).ErrorCode);
        Assert.Equal(ContinuityPlan.IdentifierCode, plan.DefinePlan(["ok"], [default], Alice, Start + Duration.FromDays(1)).ErrorCode);
        Assert.Equal("continuity.impact.rto-above-mtd", plan.ReviseImpact(Duration.FromHours(1), Duration.FromHours(4), Duration.Zero, Alice, Start + Duration.FromDays(1)).ErrorCode);
        Assert.Equal("continuity.test.negative", plan.RecordTest(Start, Duration.FromHours(-1), Duration.Zero, Payroll, Alice, Start + Duration.FromDays(1)).ErrorCode);
        Assert.Equal("cmdb.item.unknown", plan.RecordTest(Start, Duration.FromHours(1), Duration.Zero, ConfigurationState.Empty, Alice, Start + Duration.FromDays(1)).ErrorCode);
        Assert.Equal(ContinuityPlan.IdentifierCode, ContinuityPlan.DefineImpact(default, Duration.Zero, Duration.Zero, Duration.Zero, Alice, Start).ErrorCode);
        Assert.Same(before, plan.History);
    }

    [Fact]
    public void Assess_NoPlanDefined_IsUntestedWithWhy()
    {
        var bare = ContinuityPlan.DefineImpact(Id("payroll"), Duration.FromHours(24), Duration.FromHours(4), Duration.FromMinutes(15), Alice, Start).Value;

        var verdict = bare.Assess(Payroll, Start, Duration.FromDays(365)).Value;

        Assert.Equal(ContinuityPlanStatus.Untested, verdict.Status);
        Assert.Contains("no continuity plan", Assert.Single(verdict.Reasons));
    }

    [Property]
    public bool Restore_OfAnyTestedRecord_ReplaysToTheSameHistoryAndVerdicts(ConfigurationState state, byte pick, byte hours)
    {
        if (state.Items.Count == 0)
        {
            return true;
        }

        var service = state.Items.Keys.ElementAt(pick % state.Items.Count);
        var plan = ContinuityPlan.DefineImpact(service, Duration.FromHours(24), Duration.FromHours(4), Duration.FromMinutes(15), Alice, Start).Value;
        plan.DefinePlan(["recover"], [service], Alice, Start).ThrowIfFailed();
        plan.RecordTest(Start, Duration.FromHours(hours % 8), Duration.Zero, state, Alice, Start + Duration.FromHours(1)).ThrowIfFailed();

        var restored = ContinuityPlan.Restore(plan.ToSnapshot()).Value;

        var asOf = Start + Duration.FromDays(1);
        return restored.History.Select(e => (e.GetType(), e.At, e.By)).SequenceEqual(plan.History.Select(e => (e.GetType(), e.At, e.By)))
            && restored.RecoverySteps.SequenceEqual(plan.RecoverySteps) && restored.CoveredItems.SequenceEqual(plan.CoveredItems)
            && restored.Tests.Select(t => (t.At, t.Passed, t.Closure.ContentHash)).SequenceEqual(plan.Tests.Select(t => (t.At, t.Passed, t.Closure.ContentHash)))
            && restored.Assess(state, asOf, Duration.FromDays(365)).Value.Status == plan.Assess(state, asOf, Duration.FromDays(365)).Value.Status;
    }

    [Fact]
    public void Restore_RecordsThatDoNotFit_AreInvalidNamingTheRecord()
    {
        var plan = Defined(Start);
        plan.RecordTest(Start, Duration.FromHours(3), Duration.Zero, Payroll, Alice, Start + Duration.FromDays(1)).ThrowIfFailed();
        var history = plan.ToSnapshot().History;
        var tested = (ContinuityPlanTested)history[2];
        var wider = ConfigurationState.Create([Item("payroll"), Item("db"), Item("san"), Item("spare")], [Rel("payroll", "db"), Rel("db", "san")]).Value;

        ImmutableList<ContinuityPlanEvent>[] wrong =
        [
            [],
            [history[1], history[0]],
            history.SetItem(2, tested with { At = Start - Duration.FromDays(1) }),
            history.SetItem(2, tested with { Closure = wider }),
            history.SetItem(1, ((ContinuityPlanDefined)history[1]) with { CoveredItems = [Id("san"), Id("db")] }),
            history.Add(((BusinessImpactDefined)history[0]) with { At = Start + Duration.FromDays(2), MaximumTolerableDowntime = Duration.FromHours(-1) }),
        ];

        foreach (var h in wrong)
        {
            var restored = ContinuityPlan.Restore(new ContinuityPlanSnapshot(Id("payroll"), h));
            Assert.Equal(ContinuityPlan.HistoryCode, restored.ErrorCode);
        }

        Assert.True(ContinuityPlan.Restore(plan.ToSnapshot()).IsSuccess);
    }
}
