using Itsm.Core.Application;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Changes;

/// <summary>The reference data commands: who may change it, bad input changes nothing, every accepted command is audited.</summary>
public sealed class ChangeReferenceDataTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 4, 9, 0);
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly ConfigurationItemId Shop = ConfigurationItemId.From("shop");
    private readonly ServiceProvider provider;
    private readonly IItsmDispatcher itsm;

    public ChangeReferenceDataTests()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = new FakeClock(T0));
        provider = services.BuildServiceProvider();
        itsm = provider.GetRequiredService<IItsmDispatcher>();
    }

    public void Dispose() => provider.Dispose();

    private static RequestContext As(string user) => new(Tenant, UserId.From(user));

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 100, CancellationToken.None);
    }

    [Fact]
    public async Task GrantChangeAuthority_FirstGrantInANewTenant_IsTheBootstrapThenOnlyChangeManagersGrant()
    {
        var first = await itsm.SendAsync(new GrantChangeAuthority(As("admin"), UserId.From("bob"), ChangeAuthority.ChangeManager));
        var byOutsider = await itsm.SendAsync(new GrantChangeAuthority(As("admin"), UserId.From("admin"), ChangeAuthority.ChangeManager));
        var byManager = await itsm.SendAsync(new GrantChangeAuthority(As("bob"), UserId.From("carol"), ChangeAuthority.ChangeAdvisoryBoard | ChangeAuthority.EmergencyAuthority));

        Assert.True(first.IsSuccess, first.Message);
        Assert.Equal("bob holds ChangeManager", first.Value.ToString());
        Assert.Equal(ResultStatus.Forbidden, byOutsider.Status);
        Assert.Equal("change.reference.forbidden", byOutsider.ErrorCode);
        Assert.True(byManager.IsSuccess, byManager.Message);
        var listed = (await itsm.QueryAsync(new ListChangeAuthorities(As("anyone")))).Value;
        Assert.Equal(["bob holds ChangeManager", "carol holds ChangeAdvisoryBoard, EmergencyAuthority"], listed.Select(g => g.ToString()));
        Assert.Equal([nameof(GrantChangeAuthority), nameof(GrantChangeAuthority)], (await AuditAsync()).Select(r => r.Command));
    }

    [Fact]
    public async Task RevokeChangeAuthority_LastChangeManager_IsRefusedAndChangesNothing()
    {
        Assert.True((await itsm.SendAsync(new GrantChangeAuthority(As("bob"), UserId.From("bob"), ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard))).IsSuccess);

        var last = await itsm.SendAsync(new RevokeChangeAuthority(As("bob"), UserId.From("bob"), ChangeAuthority.ChangeManager));
        var cab = await itsm.SendAsync(new RevokeChangeAuthority(As("bob"), UserId.From("bob"), ChangeAuthority.ChangeAdvisoryBoard));

        Assert.Equal("change.authority.last-manager", last.ErrorCode);
        Assert.True(cab.IsSuccess, cab.Message);
        Assert.Equal(ChangeAuthority.ChangeManager, cab.Value);
        Assert.Equal([nameof(GrantChangeAuthority), nameof(RevokeChangeAuthority)], (await AuditAsync()).Select(r => r.Command));
    }

    [Fact]
    public async Task ReferenceDataCommands_BadInput_AreInvalidChangeNothingAndLeaveNoAuditRecord()
    {
        var results = new IResult[]
        {
            await itsm.SendAsync(new GrantChangeAuthority(As("bob"), default, ChangeAuthority.ChangeManager)),
            await itsm.SendAsync(new GrantChangeAuthority(As("bob"), UserId.From("bob"), ChangeAuthority.None)),
            await itsm.SendAsync(new GrantChangeAuthority(As("bob"), UserId.From("bob"), (ChangeAuthority)64)),
            await itsm.SendAsync(new DeclareBlackout(As("bob"), Shop, new Interval(T0, T0), "freeze")),
            await itsm.SendAsync(new DeclareBlackout(As("bob"), Shop, new Interval(T0, T0 + Duration.FromDays(1)), "  ")),
            await itsm.SendAsync(new DefineMaintenanceWindow(As("bob"), Shop, default)),
            await itsm.SendAsync(new DefineStandardChangeTemplate(As("bob"), StandardChangeTemplateId.From("patch"), " ", new ChangePlans("patch"))),
            await itsm.SendAsync(new LiftBlackout(As("bob"), default)),
        };

        Assert.All(results, r => Assert.Equal(ResultStatus.Invalid, r.Status));
        Assert.Equal(
            ["request.required", "change.authority.invalid", "request.enum", "change.blackout.window", "change.blackout.reason", "request.required", "change.template.description", "request.required"],
            results.Select(r => r.ErrorCode));
        Assert.Empty((await itsm.QueryAsync(new ListChangeAuthorities(As("bob")))).Value);
        Assert.Empty((await itsm.QueryAsync(new ListBlackouts(As("bob")))).Value);
        Assert.Empty((await itsm.QueryAsync(new ListStandardChangeTemplates(As("bob")))).Value);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task DeclareBlackoutAndDefineMaintenanceWindow_UnknownServiceOrCalendar_AreNotFound()
    {
        var blackout = await itsm.SendAsync(new DeclareBlackout(As("bob"), Shop, new Interval(T0, T0 + Duration.FromDays(1)), "freeze"));
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(As("bob"), Shop, ConfigurationItemClass.BusinessService, "Shop"))).IsSuccess);
        var maintenance = await itsm.SendAsync(new DefineMaintenanceWindow(As("bob"), Shop, CalendarId.From("nights")));

        Assert.Equal("cmdb.item.unknown", blackout.ErrorCode);
        Assert.Equal(ResultStatus.NotFound, maintenance.Status);
        Assert.Empty((await itsm.QueryAsync(new ListMaintenanceWindows(As("bob")))).Value);
    }

    [Fact]
    public async Task StandardChangeTemplate_DefineRetireAndRaise_FollowTheTenantsCatalogue()
    {
        Assert.True((await itsm.SendAsync(new GrantChangeAuthority(As("bob"), UserId.From("bob"), ChangeAuthority.ChangeManager))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(As("bob"), Shop, ConfigurationItemClass.BusinessService, "Shop"))).IsSuccess);
        var id = StandardChangeTemplateId.From("patch");
        Assert.True((await itsm.SendAsync(new DefineStandardChangeTemplate(As("bob"), id, "Monthly patch", new ChangePlans("patch", "tested", "uninstall")))).IsSuccess);
        var byOutsider = await itsm.SendAsync(new RetireStandardChangeTemplate(As("mallory"), id));
        var again = await itsm.SendAsync(new DefineStandardChangeTemplate(As("bob"), id, "Other plans", new ChangePlans("other")));
        var raised = await itsm.SendAsync(new RaiseChange(As("rita"), ChangeType.Standard, "Patch", [Shop], new Interval(T0 + Duration.FromDays(1), T0 + Duration.FromDays(1) + Duration.FromHours(1)), Template: "patch"));
        var retired = await itsm.SendAsync(new RetireStandardChangeTemplate(As("bob"), id));
        var afterRetire = await itsm.SendAsync(new RaiseChange(As("rita"), ChangeType.Standard, "Patch", [Shop], new Interval(T0 + Duration.FromDays(1), T0 + Duration.FromDays(1) + Duration.FromHours(1)), Template: "patch"));
        var otherTenant = await itsm.SendAsync(new RaiseChange(new RequestContext(TenantId.From("globex"), UserId.From("rita")), ChangeType.Standard, "Patch", [Shop], new Interval(T0 + Duration.FromDays(1), T0 + Duration.FromDays(2)), Template: "patch"));

        Assert.Equal("change.reference.forbidden", byOutsider.ErrorCode);
        Assert.Equal("change.template.exists", again.ErrorCode);
        Assert.True(raised.IsSuccess, raised.Message);
        Assert.True(retired.IsSuccess, retired.Message);
        Assert.Equal(T0, retired.Value.RetiredAt);
        Assert.Equal(StandardChangeTemplate.RetiredCode, afterRetire.ErrorCode);
        Assert.Equal("change.unknown-template", otherTenant.ErrorCode);
        Assert.Equal(
            [nameof(GrantChangeAuthority), nameof(RegisterConfigurationItem), nameof(DefineStandardChangeTemplate), nameof(RaiseChange), nameof(RetireStandardChangeTemplate)],
            (await AuditAsync()).Select(r => r.Command));
    }
}
