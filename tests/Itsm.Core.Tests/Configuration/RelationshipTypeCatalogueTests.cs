using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Tests.Configuration;

public sealed class RelationshipTypeCatalogueTests
{
    private static readonly RelationshipType ReplicatesTo = RelationshipType.Define("replicates to", ImpactDirection.SourceDependsOnTarget, isContainment: false);

    private static readonly RelationshipType NodeOf = RelationshipType.Define("node of", ImpactDirection.TargetDependsOnSource, isContainment: true, isMembership: true);

    [Theory]
    [InlineData("depends on", "depends on")]
    [InlineData("RUNS_ON", "runs on")]
    [InlineData("hosted-on", "hosted on")]
    [InlineData("Connects To", "connects to")]
    [InlineData("member of", "member of")]
    [InlineData("relates to", "relates to")]
    public void FromName_WellKnownNames_GiveTheWellKnownTypes(string text, string expected)
    {
        var type = RelationshipTypeCatalogue.WellKnown.FromName(text);

        Assert.True(type.IsSuccess);
        Assert.Same(RelationshipType.WellKnown.Single(t => t.Name == expected), type.Value);
    }

    [Fact]
    public void FromName_Typo_InvalidWithCodeNearestNameAndEveryKnownName()
    {
        var type = RelationshipTypeCatalogue.WellKnown.FromName("membr of", "edges[3].type");

        Assert.Equal(ResultStatus.Invalid, type.Status);
        var error = Assert.Single(type.ValidationErrors);
        Assert.Equal("cmdb.relationship-type.unknown", error.ErrorCode);
        Assert.Equal("edges[3].type", error.Identifier);
        Assert.Contains("'membr of' is not a known relationship type", error.ErrorMessage);
        Assert.Contains("Did you mean 'member of'?", error.ErrorMessage);
        Assert.Contains("depends on, runs on, hosted on, connects to, member of, relates to", error.ErrorMessage);
    }

    [Fact]
    public void FromName_NameFarFromEveryKnownOne_NoSuggestion()
    {
        var type = RelationshipTypeCatalogue.WellKnown.FromName("replicates to");

        Assert.Equal("cmdb.relationship-type.unknown", type.ValidationErrors.Single().ErrorCode);
        Assert.DoesNotContain("Did you mean", type.ValidationErrors.Single().ErrorMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" depends on")]
    public void FromName_InvalidText_InvalidTypeCode(string? text) =>
        Assert.Equal("cmdb.relationship-type.invalid", RelationshipTypeCatalogue.WellKnown.FromName(text).ValidationErrors.Single().ErrorCode);

    [Fact]
    public void With_VendorTypes_AreReadByNameWithTheirSemantics_AndTheDefaultIsUnchanged()
    {
        var catalogue = RelationshipTypeCatalogue.WellKnown.With(ReplicatesTo, NodeOf);

        Assert.Same(ReplicatesTo, catalogue.FromName("Replicates_To").Value);
        var nodeOf = catalogue.FromName("node of").Value;
        Assert.Equal((ImpactDirection.TargetDependsOnSource, true, true), (nodeOf.Direction, nodeOf.IsContainment, nodeOf.IsMembership));
        Assert.Equal([.. RelationshipType.WellKnown, ReplicatesTo, NodeOf], catalogue.Types);
        Assert.True(catalogue.Contains(ReplicatesTo));
        Assert.False(RelationshipTypeCatalogue.WellKnown.Contains(ReplicatesTo));
        Assert.Equal("cmdb.relationship-type.unknown", RelationshipTypeCatalogue.WellKnown.FromName("replicates to").ValidationErrors.Single().ErrorCode);
        Assert.Contains("replicates to", catalogue.FromName("replicate too").ValidationErrors.Single().ErrorMessage);
    }

    [Fact]
    public void With_SameTypeAgain_KeptOnce()
    {
        var catalogue = RelationshipTypeCatalogue.WellKnown.With(ReplicatesTo);

        Assert.Same(catalogue, catalogue.With(RelationshipType.Define("REPLICATES TO", ImpactDirection.SourceDependsOnTarget, false), RelationshipType.MemberOf));
    }

    [Fact]
    public void With_NameClashWithOtherSemanticsOrSpelling_Throws()
    {
        var catalogue = RelationshipTypeCatalogue.WellKnown.With(ReplicatesTo);

        Assert.Throws<ArgumentException>(() => catalogue.With(RelationshipType.Define("replicates to", ImpactDirection.TargetDependsOnSource, false)));
        Assert.Throws<ArgumentException>(() => catalogue.With(RelationshipType.Define("replicates-to", ImpactDirection.SourceDependsOnTarget, false)));
        Assert.Throws<ArgumentNullException>(() => catalogue.With(null!));
    }

    [Fact]
    public void Contains_TypeOfAKnownNameWithOtherSemantics_False() =>
        Assert.False(RelationshipTypeCatalogue.WellKnown.With(ReplicatesTo).Contains(RelationshipType.Define("replicates to", ImpactDirection.SourceDependsOnTarget, true)));

    [Fact]
    public void Define_WellKnownNameWithOtherMembership_Throws_AndMembershipNeedsADirection()
    {
        Assert.Throws<ArgumentException>(() => RelationshipType.Define("member of", ImpactDirection.TargetDependsOnSource, true, isMembership: false));
        Assert.Same(RelationshipType.MemberOf, RelationshipType.Define("Member Of", ImpactDirection.TargetDependsOnSource, true, isMembership: true));
        Assert.Throws<ArgumentException>(() => RelationshipType.Define("pooled with", ImpactDirection.None, false, isMembership: true));
    }

    [Fact]
    public void WellKnown_OnlyMemberOfIsMembership() =>
        Assert.Equal([RelationshipType.MemberOf], RelationshipType.WellKnown.Where(t => t.IsMembership));
}
