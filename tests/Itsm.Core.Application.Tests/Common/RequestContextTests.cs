using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Tests.Common;

public class RequestContextTests
{
    [Fact]
    public void WithActor_KeepsTenantAndCorrelation_AndLeavesTheOriginal()
    {
        var requester = new RequestContext(TenantId.From("acme"), UserId.From("alice"));

        var manager = requester.WithActor(UserId.From("change-manager"));

        Assert.Equal(UserId.From("change-manager"), manager.Actor);
        Assert.Equal(requester.Tenant, manager.Tenant);
        Assert.Equal(requester.Correlation, manager.Correlation);
        Assert.Equal(UserId.From("alice"), requester.Actor);
    }

    [Fact]
    public void WithActor_Default_Throws() =>
        Assert.Throws<ArgumentException>(() => new RequestContext(TenantId.From("acme"), UserId.From("alice")).WithActor(default));
}
