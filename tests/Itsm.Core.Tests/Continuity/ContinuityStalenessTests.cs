using FsCheck.Xunit;
using Itsm.Core.Configuration;
using Itsm.Core.Continuity;
using NodaTime;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Continuity;

public sealed class ContinuityStalenessTests
{
    private static readonly Instant Tested = Instant.FromUtc(2026, 3, 14, 9, 0);
    private static readonly Duration Year = Duration.FromDays(365);

    [Property]
    public bool Assess_OneItemRenamedAfterAPassedTest_StaleExactlyWhenItIsInTheClosure(ConfigurationState state, byte pick)
    {
        if (state.Items.Count == 0)
        {
            return true;
        }

        var items = state.Items.Values.ToArray();
        var service = items[0].Id;
        var changed = items[pick % items.Length];
        var impact = BusinessImpact.Create(service, Duration.FromHours(24), Duration.FromHours(4), Duration.FromMinutes(15)).Value;
        var test = ContinuityPlanTest.Record(impact, Tested, Duration.FromHours(3), Duration.FromMinutes(5), state).Value;
        var renamed = ConfigurationState.Create(items.Select(i => i.Id == changed.Id ? i with { Name = i.Name + " (renamed)" } : i), state.Relationships).Value;
        var closure = ContinuityStaleness.ClosureOf(state, service).Value;

        var verdict = ContinuityStaleness.Assess(service, [test], renamed, Tested + Duration.FromDays(30), Year).Value;
        var unchanged = ContinuityStaleness.Assess(service, [test], state, Tested + Duration.FromDays(30), Year).Value;

        var inClosure = closure.Items.ContainsKey(changed.Id);
        return unchanged.Status == ContinuityPlanStatus.Current
            && verdict.Status == (inClosure ? ContinuityPlanStatus.Stale : ContinuityPlanStatus.Current)
            && verdict.ChangedItems.SequenceEqual(inClosure ? [changed.Id] : []);
    }

    [Fact]
    public void Assess_NewDependencyOldTestOrNoPassedTest_StaleOrUntestedWithWhy()
    {
        var before = ConfigurationState.Create([Item("payroll"), Item("db"), Item("san"), Item("spare")], [Rel("payroll", "db"), Rel("db", "san")]).Value;
        var after = ConfigurationState.Create([Item("payroll"), Item("db"), Item("san"), Item("spare")], [Rel("payroll", "db"), Rel("db", "san"), Rel("db", "spare")]).Value;
        var impact = BusinessImpact.Create(Id("payroll"), Duration.FromHours(24), Duration.FromHours(4), Duration.FromMinutes(15)).Value;
        var passed = ContinuityPlanTest.Record(impact, Tested, Duration.FromHours(3), Duration.FromMinutes(5), before).Value;
        var failed = ContinuityPlanTest.Record(impact, Tested, Duration.FromHours(5), Duration.FromMinutes(5), before).Value;

        var changed = ContinuityStaleness.Assess(Id("payroll"), [passed], after, Tested + Duration.FromDays(1), Year).Value;
        var old = ContinuityStaleness.Assess(Id("payroll"), [passed], before, Tested + Duration.FromDays(400), Year).Value;
        var untested = ContinuityStaleness.Assess(Id("payroll"), [failed], before, Tested, Year).Value;

        Assert.Equal(ContinuityPlanStatus.Stale, changed.Status);
        Assert.Equal([Id("db"), Id("spare")], changed.ChangedItems.ToArray());
        Assert.Contains("db, spare", changed.Reasons.Single());
        Assert.Equal(ContinuityPlanStatus.Stale, old.Status);
        Assert.Contains("older than the policy", old.Reasons.Single());
        Assert.Equal(ContinuityPlanStatus.Untested, untested.Status);
        Assert.False(failed.Passed);
        Assert.Equal(Duration.FromHours(1), failed.RtoGap);
        Assert.Equal(Duration.FromHours(-1), passed.RtoGap);
    }

    [Fact]
    public void Create_InconsistentObjectives_TypedFailures()
    {
        Assert.Equal("continuity.impact.rto-above-mtd", BusinessImpact.Create(Id("payroll"), Duration.FromHours(2), Duration.FromHours(4), Duration.Zero).ValidationErrors.Single().ErrorCode);
        Assert.Equal("continuity.impact.negative", BusinessImpact.Create(Id("payroll"), Duration.FromHours(2), Duration.FromHours(1), Duration.FromMinutes(-1)).ValidationErrors.Single().ErrorCode);
        var impact = BusinessImpact.Create(Id("payroll"), Duration.FromHours(2), Duration.FromHours(1), Duration.Zero).Value;
        Assert.Equal("continuity.test.negative", ContinuityPlanTest.Record(impact, Tested, Duration.FromHours(-1), Duration.Zero, ConfigurationState.Empty).ValidationErrors.Single().ErrorCode);
        Assert.Equal(ResultStatus.NotFound, ContinuityPlanTest.Record(impact, Tested, Duration.FromHours(1), Duration.Zero, ConfigurationState.Empty).Status);
    }
}
