using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Configuration;

public sealed class ConfigurationBaselineTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 1, 9, 0);

    [Fact]
    public void ContentHash_SameContentBuiltInAnotherOrder_Equal()
    {
        var a = ConfigurationState.Create([Item("a"), Item("b")], [Rel("a", "b")]).Value;
        var b = ConfigurationState.Create([Item("b"), Item("a")], [Rel("a", "b")]).Value;
        var c = ConfigurationState.Create([Item("b"), Item("a", "y")], [Rel("a", "b")]).Value;

        Assert.True(a.HasSameContentAs(b));
        Assert.False(a.HasSameContentAs(c));
        Assert.Equal(64, a.ContentHash.Length);
    }

    [Fact]
    public void Create_RelationshipToUnknownItem_Invalid()
    {
        Assert.Equal(ResultStatus.Invalid, ConfigurationState.Create([Item("a")], [Rel("a", "b")]).Status);
    }

    [Fact]
    public void CompareWith_AttributeChangedAndEdgeMoved_ListsFieldsAndRelationships()
    {
        var before = ConfigurationState.Create([Item("a", "x", ("ram_gb", AttributeValue.FromNumber(16))), Item("b"), Item("c")], [Rel("a", "b")]).Value;
        var after = ConfigurationState.Create([Item("a", "x", ("ram_gb", AttributeValue.FromNumber(32))), Item("b"), Item("d")], [Rel("a", "d")]).Value;
        var baseline = ConfigurationBaseline.Capture(BaselineId.New(), "Q4", T0, UserId.From("auditor"), before).Value;

        var diff = baseline.CompareWith(after);

        Assert.Equal([Id("d")], diff.AddedItems.Select(i => i.Id));
        Assert.Equal([Id("c")], diff.RemovedItems.Select(i => i.Id));
        var modification = Assert.Single(diff.ModifiedItems);
        Assert.Equal(new FieldDifference("attributes.ram_gb", "16", "32"), Assert.Single(modification.Fields));
        Assert.Equal(Rel("a", "d"), Assert.Single(diff.AddedRelationships));
        Assert.Equal(Rel("a", "b"), Assert.Single(diff.RemovedRelationships));
    }

    [Fact]
    public void Audit_ChangeCoversOneItem_OtherDifferencesUnauthorised()
    {
        var before = ConfigurationState.Create([Item("a"), Item("b")], []).Value;
        var after = ConfigurationState.Create([Item("a", "renamed"), Item("b", "renamed")], []).Value;
        var change = ChangeId.New();
        var late = ChangeId.New();

        var audit = ConfigurationAudit.Perform(
            ConfigurationDiff.Between(before, after),
            T0,
            T0 + Duration.FromDays(7),
            [
                new AuthorisedChange(change, [Id("a")], T0 + Duration.FromDays(1)),
                new AuthorisedChange(late, [Id("b")], T0 + Duration.FromDays(8)),
            ]);

        Assert.False(audit.IsClean);
        Assert.Equal(change, audit.Findings.Single(f => f.Items[0] == Id("a")).ExplainedBy);
        var unauthorised = Assert.Single(audit.Unauthorised);
        Assert.Equal(Id("b"), unauthorised.Items[0]);
        Assert.Contains("name: 'x' -> 'renamed'", unauthorised.Description);
    }

    [Property]
    public bool ApplyTo_DiffOfRandomStates_YieldsTheNewerState(ConfigurationState a, ConfigurationState b)
    {
        var diff = ConfigurationDiff.Between(a, b);
        var applied = diff.ApplyTo(a);
        return applied.HasSameContentAs(b) && applied.Items.Values.SequenceEqual(b.Items.Values)
            && applied.Relationships.SequenceEqual(b.Relationships)
            && diff.IsEmpty == (diff.AddedItems.IsEmpty && diff.RemovedItems.IsEmpty && diff.ModifiedItems.IsEmpty && diff.AddedRelationships.IsEmpty && diff.RemovedRelationships.IsEmpty);
    }
}
