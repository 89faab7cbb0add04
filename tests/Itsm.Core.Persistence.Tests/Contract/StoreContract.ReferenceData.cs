using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Change management's reference data is stored per tenant like every record: authorities, maintenance windows, blackouts, templates.</summary>
public abstract partial class StoreContract
{
    private static ChangeAuthorityGrant GrantOf(string user, ChangeAuthority held) => ChangeAuthorityGrant.Create(UserId.From(user), held).Value;

    [Fact]
    public async Task ChangeAuthorities_RoundTripPerTenant_AndRevokeRemovesFlagByFlag()
    {
        Assert.True((await WithAsync<IChangeAuthorityStore, Result>(s => s.GrantAsync(Acme, GrantOf("bob", ChangeAuthority.ChangeManager | ChangeAuthority.EmergencyAuthority), CancellationToken.None))).IsSuccess);
        Assert.True((await WithAsync<IChangeAuthorityStore, Result>(s => s.GrantAsync(Acme, GrantOf("bob", ChangeAuthority.ChangeAdvisoryBoard), CancellationToken.None))).IsSuccess);
        Assert.True((await WithAsync<IChangeAuthorityStore, Result>(s => s.GrantAsync(Acme, GrantOf("ann", ChangeAuthority.ChangeAdvisoryBoard), CancellationToken.None))).IsSuccess);
        Assert.True((await WithAsync<IChangeAuthorityStore, Result>(s => s.GrantAsync(Globex, GrantOf("bob", ChangeAuthority.EmergencyAuthority), CancellationToken.None))).IsSuccess);

        var acme = await WithAsync<IChangeAuthorityStore, IReadOnlyList<ChangeAuthorityGrant>>(s => s.ListAsync(Acme, CancellationToken.None));
        Assert.Equal([GrantOf("ann", ChangeAuthority.ChangeAdvisoryBoard), GrantOf("bob", ChangeAuthorityGrant.All)], acme);
        Assert.Equal(ChangeAuthority.EmergencyAuthority, await WithAsync<IChangeAuthorityStore, ChangeAuthority>(s => s.AuthorityOfAsync(Globex, UserId.From("bob"), CancellationToken.None)));
        Assert.Equal(ChangeAuthority.None, await WithAsync<IChangeAuthorityStore, ChangeAuthority>(s => s.AuthorityOfAsync(Globex, UserId.From("ann"), CancellationToken.None)));

        Assert.True((await WithAsync<IChangeAuthorityStore, Result>(s => s.RevokeAsync(Acme, GrantOf("bob", ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard), CancellationToken.None))).IsSuccess);
        Assert.True((await WithAsync<IChangeAuthorityStore, Result>(s => s.RevokeAsync(Acme, GrantOf("ann", ChangeAuthority.ChangeAdvisoryBoard), CancellationToken.None))).IsSuccess);

        Assert.Equal([GrantOf("bob", ChangeAuthority.EmergencyAuthority)], await WithAsync<IChangeAuthorityStore, IReadOnlyList<ChangeAuthorityGrant>>(s => s.ListAsync(Acme, CancellationToken.None)));
        Assert.Equal([GrantOf("bob", ChangeAuthority.EmergencyAuthority)], await WithAsync<IChangeAuthorityStore, IReadOnlyList<ChangeAuthorityGrant>>(s => s.ListAsync(Globex, CancellationToken.None)));
    }

    [Fact]
    public async Task MaintenanceWindows_RoundTripPerTenant_ReplaceAndRemove()
    {
        var email = MaintenanceWindow.Define(Email, CalendarId.From("office")).Value;
        var payroll = MaintenanceWindow.Define(Payroll, CalendarId.From("nights")).Value;
        foreach (var window in new[] { payroll, email })
        {
            Assert.True((await WithAsync<IMaintenanceWindowStore, Result>(s => s.DefineAsync(Acme, window, CancellationToken.None))).IsSuccess);
        }

        var replaced = MaintenanceWindow.Define(Payroll, CalendarId.From("weekends")).Value;
        Assert.True((await WithAsync<IMaintenanceWindowStore, Result>(s => s.DefineAsync(Acme, replaced, CancellationToken.None))).IsSuccess);

        Assert.Equal([email, replaced], await WithAsync<IMaintenanceWindowStore, IReadOnlyList<MaintenanceWindow>>(s => s.ListAsync(Acme, CancellationToken.None)));
        Assert.Empty(await WithAsync<IMaintenanceWindowStore, IReadOnlyList<MaintenanceWindow>>(s => s.ListAsync(Globex, CancellationToken.None)));
        Assert.Equal("change.maintenance.not-found", (await WithAsync<IMaintenanceWindowStore, Result>(s => s.RemoveAsync(Globex, Email, CancellationToken.None))).ErrorCode);

        Assert.True((await WithAsync<IMaintenanceWindowStore, Result>(s => s.RemoveAsync(Acme, Email, CancellationToken.None))).IsSuccess);
        Assert.Equal([replaced], await WithAsync<IMaintenanceWindowStore, IReadOnlyList<MaintenanceWindow>>(s => s.ListAsync(Acme, CancellationToken.None)));
    }

    [Fact]
    public async Task Blackouts_RoundTripExactlyPerTenant_AndLift()
    {
        // Instants far outside the nanosecond range of a 64-bit column, and a reason that needs quoting, come back exactly.
        var ancient = BlackoutWindow.Declare(BlackoutId.New(), Email, new Interval(Instant.FromUtc(1, 1, 1, 0, 0), Instant.FromUtc(1, 1, 2, 0, 0).PlusNanoseconds(1)), "legacy 'freeze', ünïcode").Value;
        var soon = BlackoutWindow.Declare(BlackoutId.New(), Payroll, new Interval(Clock.GetCurrentInstant(), Clock.GetCurrentInstant() + Duration.FromDays(3)), "quarter-end close").Value;
        var far = BlackoutWindow.Declare(BlackoutId.New(), Email, new Interval(Instant.FromUtc(9000, 1, 1, 0, 0), Instant.FromUtc(9000, 1, 2, 0, 0)), "far future").Value;
        foreach (var blackout in new[] { far, soon, ancient })
        {
            Assert.True((await WithAsync<IBlackoutStore, Result>(s => s.DeclareAsync(Acme, blackout, CancellationToken.None))).IsSuccess);
        }

        Assert.Equal("record.exists", (await WithAsync<IBlackoutStore, Result>(s => s.DeclareAsync(Acme, soon, CancellationToken.None))).ErrorCode);
        Assert.Equal([ancient, soon, far], await WithAsync<IBlackoutStore, IReadOnlyList<BlackoutWindow>>(s => s.ListAsync(Acme, CancellationToken.None)));
        Assert.Empty(await WithAsync<IBlackoutStore, IReadOnlyList<BlackoutWindow>>(s => s.ListAsync(Globex, CancellationToken.None)));
        Assert.Equal("change.blackout.not-found", (await WithAsync<IBlackoutStore, Result>(s => s.LiftAsync(Globex, soon.Id, CancellationToken.None))).ErrorCode);

        Assert.True((await WithAsync<IBlackoutStore, Result>(s => s.LiftAsync(Acme, soon.Id, CancellationToken.None))).IsSuccess);
        Assert.Equal([ancient, far], await WithAsync<IBlackoutStore, IReadOnlyList<BlackoutWindow>>(s => s.ListAsync(Acme, CancellationToken.None)));
    }

    [Fact]
    public async Task StandardChangeTemplates_RoundTripPerTenant_AndRetireKeepsThem()
    {
        var patch = StandardChangeTemplate.Define(StandardChangeTemplateId.From("os-patch"), "Monthly OS patch", new ChangePlans("patch", "smoke test", "uninstall")).Value;
        var restart = StandardChangeTemplate.Define(StandardChangeTemplateId.From("restart"), "Restart the app pool", new ChangePlans("recycle")).Value;
        foreach (var template in new[] { restart, patch })
        {
            Assert.True((await WithAsync<IStandardChangeTemplateStore, Result>(s => s.DefineAsync(Acme, template, CancellationToken.None))).IsSuccess);
        }

        Assert.Equal("record.exists", (await WithAsync<IStandardChangeTemplateStore, Result>(s => s.DefineAsync(Acme, patch, CancellationToken.None))).ErrorCode);
        var retired = patch.Retire(UserId.From("bob"), Clock.GetCurrentInstant().PlusNanoseconds(123)).Value;
        Assert.True((await WithAsync<IStandardChangeTemplateStore, Result>(s => s.RetireAsync(Acme, retired, CancellationToken.None))).IsSuccess);
        Assert.Equal("record.version-conflict", (await WithAsync<IStandardChangeTemplateStore, Result>(s => s.RetireAsync(Acme, retired, CancellationToken.None))).ErrorCode);
        Assert.Equal("record.not-found", (await WithAsync<IStandardChangeTemplateStore, Result>(s => s.RetireAsync(Globex, retired, CancellationToken.None))).ErrorCode);

        var catalogue = await WithAsync<IStandardChangeTemplateStore, StandardChangeCatalogue>(s => s.CatalogueAsync(Acme, CancellationToken.None));
        Assert.Equal([retired, restart], catalogue.Templates);
        Assert.Equal(StandardChangeTemplate.RetiredCode, catalogue.Find("os-patch").ErrorCode);
        Assert.Empty((await WithAsync<IStandardChangeTemplateStore, StandardChangeCatalogue>(s => s.CatalogueAsync(Globex, CancellationToken.None))).Templates);
    }

    [Fact]
    public async Task ReferenceDataCommands_FeedRiskAndRaise_ThroughTheStore()
    {
        await DefineSlaAsync(Acme);
        var registered = await Itsm.SendAsync(new RegisterConfigurationItem(As(Acme), Email, ConfigurationItemClass.BusinessService, "Email"));
        Assert.True(registered.IsSuccess, registered.Message);
        Assert.True((await Itsm.SendAsync(new GrantChangeAuthority(As(Acme, "bob"), UserId.From("bob"), ChangeAuthority.ChangeManager))).IsSuccess);
        Assert.Equal(ResultStatus.Forbidden, (await Itsm.SendAsync(new GrantChangeAuthority(As(Acme, "mallory"), UserId.From("mallory"), ChangeAuthority.ChangeManager))).Status);
        Assert.True((await Itsm.SendAsync(new DefineMaintenanceWindow(As(Acme, "bob"), Email, CalendarId.From("office")))).IsSuccess);
        var freeze = new Interval(Clock.GetCurrentInstant(), Clock.GetCurrentInstant() + Duration.FromDays(1));
        Assert.True((await Itsm.SendAsync(new DeclareBlackout(As(Acme, "bob"), Email, freeze, "migration"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new DefineStandardChangeTemplate(As(Acme, "bob"), StandardChangeTemplateId.From("restart"), "Restart mail", new ChangePlans("restart", "tested", "none")))).IsSuccess);

        // Another provider over the same store: what it reads came from the store.
        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;
        var windows = await WithAsync<IChangeWindowSource, ServiceWindows>(s => s.GetWindowsAsync(Acme, [Email], CancellationToken.None));
        Assert.NotNull(windows.MaintenanceOf(Email));
        Assert.Single(windows.BlackoutsOverlapping([Email], freeze));
        var raised = await other.SendAsync(new RaiseChange(As(Acme, "rita"), ChangeType.Standard, "Restart mail", [Email], new Interval(freeze.Start, freeze.End), Template: "restart"));
        Assert.True(raised.IsSuccess, raised.Message);
        Assert.True((await other.SendAsync(new RetireStandardChangeTemplate(As(Acme, "bob"), StandardChangeTemplateId.From("restart")))).IsSuccess);
        var refused = await other.SendAsync(new RaiseChange(As(Acme, "rita"), ChangeType.Standard, "Restart mail", [Email], new Interval(freeze.Start, freeze.End), Template: "restart"));
        Assert.Equal(StandardChangeTemplate.RetiredCode, refused.ErrorCode);
        var globex = await other.SendAsync(new RaiseChange(As(Globex, "rita"), ChangeType.Standard, "Restart mail", [Email], new Interval(freeze.Start, freeze.End), Template: "restart"));
        Assert.Equal("change.unknown-template", globex.ErrorCode);
    }
}
