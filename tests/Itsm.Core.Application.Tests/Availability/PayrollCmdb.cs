using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Application.Tests.Availability;

/// <summary>
/// The CMDB the availability and service report tests measure: the payroll service depends on its application, which runs on a
/// 1-of-2 cluster of nodes A and B and depends on a storage array.
/// </summary>
internal static class PayrollCmdb
{
    public static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("payroll");
    public static readonly ConfigurationItemId App = ConfigurationItemId.From("payroll-app");
    public static readonly ConfigurationItemId Cluster = ConfigurationItemId.From("app-cluster");
    public static readonly ConfigurationItemId NodeA = ConfigurationItemId.From("node-a");
    public static readonly ConfigurationItemId NodeB = ConfigurationItemId.From("node-b");
    public static readonly ConfigurationItemId San = ConfigurationItemId.From("san-01");

    /// <summary>Registers the items and their relationships in <paramref name="context"/>'s tenant, asserting each succeeds.</summary>
    public static async Task RegisterAsync(IItsmDispatcher itsm, RequestContext context)
    {
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(context, Payroll, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(context, App, ConfigurationItemClass.Application, "Payroll application"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(context, Cluster, ConfigurationItemClass.Cluster, "Application cluster", Redundancy: RedundancyRule.AtLeast(1)))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(context, NodeA, ConfigurationItemClass.Server, "Node A"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(context, NodeB, ConfigurationItemClass.Server, "Node B"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(context, San, ConfigurationItemClass.Storage, "Storage array"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(context, Payroll, App, RelationshipType.DependsOn))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(context, App, Cluster, RelationshipType.RunsOn))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(context, App, San, RelationshipType.DependsOn))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(context, NodeA, Cluster, RelationshipType.MemberOf))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(context, NodeB, Cluster, RelationshipType.MemberOf))).IsSuccess);
    }
}
