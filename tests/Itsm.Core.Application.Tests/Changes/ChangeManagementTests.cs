using Itsm.Core.Application;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Application.Tests.Changes;

public sealed class ChangeManagementTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 21, 22, 0);
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly TenantId OtherTenant = TenantId.From("globex");
    private static readonly UserId Alice = UserId.From("alice");
    private static readonly UserId Bob = UserId.From("bob");
    private static readonly UserId[] Cab = [UserId.From("cab1"), UserId.From("cab2")];
    private static readonly ConfigurationItemId Db = ConfigurationItemId.From("db-01");
    private static readonly ConfigurationItemId App = ConfigurationItemId.From("app-01");
    private static readonly ConfigurationItemId Payments = ConfigurationItemId.From("svc-payments");

    private readonly ServiceProvider provider;
    private readonly IItsmDispatcher dispatcher;

    public ChangeManagementTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new ChangeManagementOptions(approvalPolicy: new ApprovalPolicy(cabQuorum: 2)));
        // Impact declared by hand here; ChangeCmdbIntegrationTests covers the default, CMDB-backed source.
        services.AddSingleton<InMemoryChangeImpactSource>();
        services.AddSingleton<IChangeImpactSource>(sp => sp.GetRequiredService<InMemoryChangeImpactSource>());
        services.AddItsmCore(options => options.Clock = new FakeClock(T0));
        provider = services.BuildServiceProvider();
        dispatcher = provider.GetRequiredService<IItsmDispatcher>();
        // Reference data seeded through the ports (as a vendor's set-up would), so that the audit log holds only what the tests do.
        using (var scope = provider.CreateScope())
        {
            var authorities = scope.ServiceProvider.GetRequiredService<IChangeAuthorityStore>();
            void Grant(UserId user, ChangeAuthority held) => Assert.True(authorities.GrantAsync(Tenant, ChangeAuthorityGrant.Create(user, held).Value, CancellationToken.None).GetAwaiter().GetResult().IsSuccess);
            Grant(Alice, ChangeAuthorityGrant.All);
            Grant(Bob, ChangeAuthority.ChangeManager);
            foreach (var member in Cab)
            {
                Grant(member, ChangeAuthority.ChangeAdvisoryBoard);
            }

            var template = new StandardChangeTemplate("os-patch", "Monthly OS patch", new ChangePlans("patch", "smoke test", "uninstall"));
            Assert.True(scope.ServiceProvider.GetRequiredService<IStandardChangeTemplateStore>().DefineAsync(Tenant, template, CancellationToken.None).GetAwaiter().GetResult().IsSuccess);
        }

        // The database takes down the payments service (high criticality) and degrades the application.
        provider.GetRequiredService<InMemoryChangeImpactSource>().Declare(
            Tenant, Db, [new ImpactedService(Payments, ServiceCriticality.High, ServiceEffect.Down)], [App, Payments]);
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task RaiseChange_Invalid_WritesNothingAndLeavesNoAuditRecord()
    {
        var result = await dispatcher.SendAsync(new RaiseChange(Context(Alice), ChangeType.Normal, " ", [], new Interval(T0, T0)));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal(["Title", "AffectedItems", "Window", "Plans"], result.ValidationErrors.Select(e => e.Identifier));
        Assert.Empty((await dispatcher.QueryAsync(new ListChanges(Context(Alice), new ChangesByWindowStart()))).Value);
        Assert.Empty(await Audit(Tenant));
    }

    [Fact]
    public async Task NormalChange_FullLifecycle_LeavesOneAuditRecordPerAcceptedCommand()
    {
        var id = await Raise(Alice, Db, T0, hours: 2);
        Assert.True((await dispatcher.SendAsync(new SubmitChange(Context(Alice), id))).IsSuccess);

        var assessment = await dispatcher.SendAsync(new AssessChangeRisk(Context(Bob), id));
        Assert.True(assessment.IsSuccess, assessment.Message);
        Assert.Equal(RiskClass.High, assessment.Value.Record.Assessment!.Impact);

        // Medium: high impact, low likelihood -> change manager.
        Assert.Equal(RiskClass.Medium, assessment.Value.Record.Assessment!.Class);
        Assert.Equal(ResultStatus.Forbidden, (await dispatcher.SendAsync(new ApproveChange(Context(Cab[0]), id, "ok"))).Status);
        Assert.True((await dispatcher.SendAsync(new ApproveChange(Context(Bob), id, "ok"))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new ScheduleChange(Context(Bob), id))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new StartImplementation(Context(Alice), id))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new CompleteChange(Context(Alice), id, "done"))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new CloseChange(Context(Bob), id))).IsSuccess);

        var stored = (await dispatcher.QueryAsync(new GetChange(Context(Bob), id))).Value;
        Assert.Equal(ChangeStatus.Closed, stored.Record.Status);
        Assert.Equal(8, stored.Version);
        Assert.Equal(
            ["RaiseChange", "SubmitChange", "AssessChangeRisk", "ApproveChange", "ScheduleChange", "StartImplementation", "CompleteChange", "CloseChange"],
            (await Audit(Tenant)).Select(r => r.Command));
    }

    [Fact]
    public async Task ApproveChange_ByRequester_IsForbiddenAndNotAudited()
    {
        var id = await RaiseAndAssess(Alice, App, T0);

        var result = await dispatcher.SendAsync(new ApproveChange(Context(Alice), id, "my own"));

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Equal(ChangeRequest.SelfApprovalCode, result.ErrorCode);
        Assert.DoesNotContain(await Audit(Tenant), r => r.Command == nameof(ApproveChange));
        Assert.Empty((await dispatcher.QueryAsync(new GetChange(Context(Bob), id))).Value.Record.Decisions);
    }

    [Fact]
    public async Task Changes_AreIsolatedByTenant()
    {
        var id = await Raise(Alice, Db, T0);

        Assert.Equal(ResultStatus.NotFound, (await dispatcher.QueryAsync(new GetChange(Context(Alice, OtherTenant), id))).Status);
        Assert.Equal(ResultStatus.NotFound, (await dispatcher.SendAsync(new SubmitChange(Context(Alice, OtherTenant), id))).Status);
        Assert.Empty((await dispatcher.QueryAsync(new ListChanges(Context(Alice, OtherTenant), new ChangesByWindowStart()))).Value);
        Assert.Empty(await Audit(OtherTenant));
    }

    [Fact]
    public async Task ScheduleChange_OverlappingDependentChange_IsConflictAndRaisesRisk()
    {
        var first = await RaiseAndAssess(Alice, Db, T0);
        await Approve(first, Bob);
        Assert.True((await dispatcher.SendAsync(new ScheduleChange(Context(Bob), first))).IsSuccess);

        // App is in the database's impact set; the windows overlap by one hour.
        var second = await Raise(Bob, App, T0 + Duration.FromHours(1));
        await dispatcher.SendAsync(new SubmitChange(Context(Bob), second));
        var assessment = (await dispatcher.SendAsync(new AssessChangeRisk(Context(Alice), second))).Value.Record.Assessment!;
        Assert.Contains(assessment.Contributions, c => c.Factor == "schedule conflicts" && c.Points == 2);
        await Approve(second, Alice);

        var scheduled = await dispatcher.SendAsync(new ScheduleChange(Context(Alice), second));

        Assert.Equal(ResultStatus.Conflict, scheduled.Status);
        Assert.Equal("change.schedule-conflict", scheduled.ErrorCode);
        var conflicts = (await dispatcher.QueryAsync(new FindScheduleConflicts(Context(Alice), T0, T0 + Duration.FromDays(1)))).Value;
        var conflict = Assert.Single(conflicts);
        Assert.Equal(ConflictReason.DependentItems, conflict.Reason);
        var calendar = (await dispatcher.QueryAsync(new GetChangeCalendar(Context(Alice), T0, T0 + Duration.FromDays(1)))).Value;
        Assert.Equal([first, second], calendar.Entries.Select(e => e.Change));
        Assert.Single(calendar.Conflicts);
    }

    [Fact]
    public async Task AssessChangeRisk_BlackoutMaintenanceAndFailureHistory_AreFactors()
    {
        var sundayMornings = BusinessCalendarDefinition.Create(
            "payments maintenance", "Etc/UTC",
            new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Sunday] = [WorkingRange.Parse("02:00-06:00").Value] }).Value;
        using (var scope = provider.CreateScope())
        {
            var ports = scope.ServiceProvider;
            Assert.True((await ports.GetRequiredService<IBlackoutStore>().DeclareAsync(Tenant, new BlackoutWindow(Payments, new Interval(T0, T0 + Duration.FromDays(2)), "year-end"), CancellationToken.None)).IsSuccess);
            Assert.True((await ports.GetRequiredService<ICalendarRepository>().AddAsync(Tenant, CalendarId.From("payments-maintenance"), sundayMornings, CancellationToken.None)).IsSuccess);
            Assert.True((await ports.GetRequiredService<IMaintenanceWindowStore>().DefineAsync(Tenant, MaintenanceWindow.Define(Payments, CalendarId.From("payments-maintenance")).Value, CancellationToken.None)).IsSuccess);
        }

        var failed = await RaiseAndAssess(Bob, Db, T0 - Duration.FromDays(7));
        await Approve(failed, Alice);
        await dispatcher.SendAsync(new ScheduleChange(Context(Alice), failed));
        await dispatcher.SendAsync(new StartImplementation(Context(Bob), failed));
        Assert.True((await dispatcher.SendAsync(new FailChange(Context(Bob), failed, FailureRemediation.BackedOut, "lock timeout"))).IsSuccess);

        var id = await Raise(Bob, Db, T0);
        await dispatcher.SendAsync(new SubmitChange(Context(Bob), id));
        var assessment = (await dispatcher.SendAsync(new AssessChangeRisk(Context(Alice), id))).Value.Record.Assessment!;

        Assert.Contains(assessment.Contributions, c => c.Factor == "inside blackout window" && c.Points > 0);
        Assert.Contains(assessment.Contributions, c => c.Factor == "outside maintenance window" && c.Points > 0);
        Assert.Contains(assessment.Contributions, c => c.Factor == "past failure rate" && c.Points == 6);
        Assert.Equal(RiskClass.Critical, assessment.Class);
        var stored = (await dispatcher.QueryAsync(new GetChange(Context(Alice), id))).Value.Record;
        Assert.Equal(ChangeAuthority.ChangeAdvisoryBoard, stored.Requirement!.Authority);
        Assert.Equal(2, stored.Requirement.Quorum);
    }

    [Fact]
    public async Task StandardChange_AboveLow_IsReclassifiedNormal()
    {
        var id = (await dispatcher.SendAsync(new RaiseChange(Context(Bob), ChangeType.Standard, "Patch db", [Db], new Interval(T0, T0 + Duration.FromHours(1)), Template: "os-patch"))).Value.Record.Id;
        await dispatcher.SendAsync(new SubmitChange(Context(Bob), id));

        await dispatcher.SendAsync(new AssessChangeRisk(Context(Alice), id));

        var stored = (await dispatcher.QueryAsync(new GetChange(Context(Alice), id))).Value.Record;
        Assert.Equal(ChangeType.Normal, stored.Type);
        Assert.Equal(ChangeStatus.Assessed, stored.Status);
        Assert.NotNull(stored.ReclassificationReason);
    }

    [Fact]
    public async Task StandardChange_WithOwnPlans_IsInvalid()
    {
        var result = await dispatcher.SendAsync(new RaiseChange(Context(Bob), ChangeType.Standard, "x", [Db], new Interval(T0, T0 + Duration.FromHours(1)), new ChangePlans("my way"), Template: "os-patch"));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("change.plans", Assert.Single(result.ValidationErrors).ErrorCode);
    }

    [Fact]
    public async Task StandardChange_UnknownTemplate_IsNotFound()
    {
        var result = await dispatcher.SendAsync(new RaiseChange(Context(Bob), ChangeType.Standard, "x", [Db], new Interval(T0, T0 + Duration.FromHours(1)), Template: "nope"));

        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.Contains("os-patch", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAuthorisedChanges_ListsImplementedAndFixedForwardButNotBackedOut()
    {
        var implemented = await Implement(Bob, App, T0, null);
        var backedOut = await Implement(Bob, App, T0 + Duration.FromHours(3), FailureRemediation.BackedOut);
        var fixedForward = await Implement(Bob, App, T0 + Duration.FromHours(6), FailureRemediation.FixedForward);

        var found = (await dispatcher.QueryAsync(new ListAuthorisedChanges(Context(Alice), App, T0 - Duration.FromDays(1), T0 + Duration.FromDays(1)))).Value;

        Assert.Equal([implemented, fixedForward], found.Select(c => c.Change).Order());
        Assert.DoesNotContain(found, c => c.Change == backedOut);
        using var scope = provider.CreateScope();
        var source = scope.ServiceProvider.GetRequiredService<Itsm.Core.Application.Configuration.IAuthorisedChangeSource>();
        Assert.Equal(2, (await source.ImplementedChangesAsync(Tenant, [App], T0 - Duration.FromDays(1), T0, CancellationToken.None)).Count);
        Assert.Empty(await source.ImplementedChangesAsync(Tenant, [App], T0, T0 + Duration.FromDays(1), CancellationToken.None));
        Assert.Empty(await source.ImplementedChangesAsync(OtherTenant, [App], T0 - Duration.FromDays(1), T0 + Duration.FromDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task Repository_StaleUpdate_LosesWithConflict()
    {
        var id = await Raise(Alice, Db, T0);
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();
        var mine = first.ServiceProvider.GetRequiredService<IChangeRepository>();
        var theirs = second.ServiceProvider.GetRequiredService<IChangeRepository>();
        var a = (await mine.GetAsync(Tenant, id, CancellationToken.None))!;
        var b = (await theirs.GetAsync(Tenant, id, CancellationToken.None))!;
        Assert.True(a.Record.Submit(Alice, T0).IsSuccess);
        Assert.True(b.Record.Submit(Bob, T0).IsSuccess);

        Assert.True((await mine.UpdateAsync(Tenant, a.Record, a.Version, CancellationToken.None)).IsSuccess);
        var lost = await theirs.UpdateAsync(Tenant, b.Record, b.Version, CancellationToken.None);

        Assert.Equal(ResultStatus.Conflict, lost.Status);
        Assert.Equal(ChangeStatus.Submitted, (await dispatcher.QueryAsync(new GetChange(Context(Bob), id))).Value.Record.Status);
    }

    [Fact]
    public async Task ListChanges_Specification_FiltersOrdersAndPages()
    {
        var late = await Raise(Alice, Db, T0 + Duration.FromHours(5));
        var early = await Raise(Bob, App, T0);
        await Raise(Bob, App, T0 + Duration.FromDays(10));

        var spec = new ChangesOverlapping([ChangeStatus.Draft], new Interval(T0, T0 + Duration.FromDays(1)));
        var listed = (await dispatcher.QueryAsync(new ListChanges(Context(Alice), spec))).Value;

        Assert.Equal([early, late], listed.Select(c => c.Id));
        Assert.Equal([early], (await dispatcher.QueryAsync(new ListChanges(Context(Alice), new ChangesByWindowStart(items: [App], requester: Bob, page: Itsm.Core.Application.Specifications.PageRequest.Of(0, 1))))).Value.Select(c => c.Id));
    }

    private static RequestContext Context(UserId actor, TenantId? tenant = null) => new(tenant ?? Tenant, actor);

    private async Task<ChangeId> Raise(UserId requester, ConfigurationItemId item, Instant start, int hours = 2)
    {
        var result = await dispatcher.SendAsync(new RaiseChange(Context(requester), ChangeType.Normal, $"Work on {item}", [item], new Interval(start, start + Duration.FromHours(hours)), new ChangePlans("do it", "tested", "undo")));
        Assert.True(result.IsSuccess, result.Message);
        return result.Value.Record.Id;
    }

    private async Task<ChangeId> RaiseAndAssess(UserId requester, ConfigurationItemId item, Instant start)
    {
        var id = await Raise(requester, item, start);
        Assert.True((await dispatcher.SendAsync(new SubmitChange(Context(requester), id))).IsSuccess);
        var assessed = await dispatcher.SendAsync(new AssessChangeRisk(Context(requester), id));
        Assert.True(assessed.IsSuccess, assessed.Message);
        return id;
    }

    private async Task Approve(ChangeId id, UserId approver)
    {
        var result = await dispatcher.SendAsync(new ApproveChange(Context(approver), id, "fine"));
        Assert.True(result.IsSuccess, result.Message);
    }

    private async Task<ChangeId> Implement(UserId requester, ConfigurationItemId item, Instant start, FailureRemediation? failure)
    {
        var id = await RaiseAndAssess(requester, item, start);
        await Approve(id, Alice);
        Assert.True((await dispatcher.SendAsync(new ScheduleChange(Context(Alice), id))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new StartImplementation(Context(requester), id))).IsSuccess);
        var ended = failure is { } remediation
            ? await dispatcher.SendAsync(new FailChange(Context(requester), id, remediation, "went wrong"))
            : await dispatcher.SendAsync(new CompleteChange(Context(requester), id));
        Assert.True(ended.IsSuccess, ended.Message);
        return id;
    }

    private async Task<IReadOnlyList<AuditRecord>> Audit(TenantId tenant)
    {
        using var scope = provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(tenant, 0, 100, CancellationToken.None);
    }
}
