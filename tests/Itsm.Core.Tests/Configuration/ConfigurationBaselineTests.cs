using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Configuration;

public sealed class ConfigurationBaselineTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 1, 9, 0);

    private static ConfigurationItemSnapshot Item(string id, string name = "x", params (string Key, AttributeValue Value)[] attributes) =>
        new(Id(id), ConfigurationItemClass.Server, name, ConfigurationItemStatus.Operational, BusinessCriticality.None, null, default,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, attributes.Select(a => KeyValuePair.Create(a.Key, a.Value))));

    private static Relationship Rel(string s, string t) => Relationship.Create(Id(s), Id(t), RelationshipType.DependsOn).Value;

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

    [Fact]
    public void ApplyTo_DiffOfRandomStates_YieldsTheNewerState()
    {
        var state =
            from n in Gen.Choose(0, 8)
            from names in Gen.Elements("x", "y").ArrayOf(n)
            from ram in Gen.Elements(0, 8, 16).ArrayOf(n)
            from present in Gen.Elements(true, true, false).ArrayOf(n)
            from edges in (from s in Gen.Choose(0, 7) from t in Gen.Choose(0, 7) select (s, t)).ArrayOf()
            select Build(n, names, ram, present, edges);
        var arb = (from a in state from b in state select (a, b)).ToArbitrary();

        PropertyTesting.Check(Prop.ForAll(arb, p =>
        {
            var diff = ConfigurationDiff.Between(p.a, p.b);
            var applied = diff.ApplyTo(p.a);
            return applied.HasSameContentAs(p.b) && applied.Items.Values.SequenceEqual(p.b.Items.Values)
                && applied.Relationships.SequenceEqual(p.b.Relationships)
                && diff.IsEmpty == (diff.AddedItems.IsEmpty && diff.RemovedItems.IsEmpty && diff.ModifiedItems.IsEmpty && diff.AddedRelationships.IsEmpty && diff.RemovedRelationships.IsEmpty);
        }));
    }

    private static ConfigurationState Build(int n, string[] names, int[] ram, bool[] present, (int S, int T)[] edges)
    {
        var items = Enumerable.Range(0, n).Where(i => present[i])
            .Select(i => ram[i] == 0 ? Item($"c{i}", names[i]) : Item($"c{i}", names[i], ("ram_gb", AttributeValue.FromNumber(ram[i])))).ToList();
        var ids = items.Select(i => i.Id).ToHashSet();
        var relationships = edges.Where(e => e.S != e.T && ids.Contains(Id($"c{e.S}")) && ids.Contains(Id($"c{e.T}")))
            .Select(e => Rel($"c{e.S}", $"c{e.T}")).Distinct().ToList();
        return ConfigurationState.Create(items, relationships).Value;
    }
}
