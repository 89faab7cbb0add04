using Itsm.Core.Application.Changes;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Xunit;

namespace Itsm.Core.Application.Tests.Changes;

public sealed class CmdbChangeImpactSourceTests
{
    private static readonly ConfigurationItemId Payments = ConfigurationItemId.From("svc-payments");
    private static readonly ConfigurationItemId Reports = ConfigurationItemId.From("svc-reports");
    private static readonly ConfigurationItemId App = ConfigurationItemId.From("app-01");
    private static readonly ConfigurationItemId Db = ConfigurationItemId.From("db-01");
    private static readonly ConfigurationItemId Lonely = ConfigurationItemId.From("srv-lonely");

    private static CmdbSnapshot Cmdb()
    {
        var builder = new CmdbSnapshotBuilder();
        Assert.True(builder.AddItem(Payments, ConfigurationItemClass.BusinessService, BusinessCriticality.Critical).IsSuccess);
        Assert.True(builder.AddItem(Reports, ConfigurationItemClass.BusinessService, BusinessCriticality.Low).IsSuccess);
        Assert.True(builder.AddItem(App, ConfigurationItemClass.Application).IsSuccess);
        Assert.True(builder.AddItem(Db, ConfigurationItemClass.Database).IsSuccess);
        Assert.True(builder.AddItem(Lonely, ConfigurationItemClass.Server).IsSuccess);
        Assert.True(builder.AddRelationship(Payments, App, RelationshipType.DependsOn).IsSuccess);
        Assert.True(builder.AddRelationship(App, Db, RelationshipType.DependsOn).IsSuccess);
        Assert.True(builder.AddRelationship(Reports, Db, RelationshipType.DependsOn).IsSuccess);
        return builder.Build().Value;
    }

    [Fact]
    public void Summarise_DatabaseDown_TakesDownBothServicesWithCriticality()
    {
        var summary = CmdbChangeImpactSource.Summarise(Cmdb(), [Db, ConfigurationItemId.From("not-in-cmdb")]);

        Assert.Equal(
            [new Itsm.Core.Changes.ImpactedService(Payments, ServiceCriticality.Critical, ServiceEffect.Down), new Itsm.Core.Changes.ImpactedService(Reports, ServiceCriticality.Low, ServiceEffect.Down)],
            summary.Services.ToArray());
        Assert.Equal(3, summary.AffectedItemCount);
        Assert.Equal(RiskClass.Critical, RiskModel.Default.Assess(new RiskInput(summary)).Impact);
    }

    [Fact]
    public void ImpactSetsOf_RelatesItemsThroughTheDependencyGraph()
    {
        var sets = CmdbChangeImpactSource.ImpactSetsOf(Cmdb(), [Db, App, Lonely]);

        Assert.True(sets.AreRelated(App, Db));
        Assert.True(sets.AreRelated(Db, Reports));
        Assert.False(sets.AreRelated(Lonely, Db));
        Assert.Equal(CmdbChangeImpactSource.Summarise(Cmdb(), [Lonely]), ImpactSummary.None);
    }
}
