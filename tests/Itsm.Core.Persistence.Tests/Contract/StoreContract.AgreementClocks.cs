using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Reporting;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Incident clocks under the agreement version in force, through the dispatcher on every store: opened Monday 2 March 2026
/// 09:00 under version 1 (gold: 24 business hours to resolve on London office hours), version 2 (platinum: 20 hours) signed
/// that Monday and in force from Wednesday 00:00. Retarget: due Wednesday 13:00; keep the starting version: Wednesday 17:00.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly CustomerId AcmeCorp = CustomerId.From("acme-corp");

    [Theory]
    [InlineData("retarget", 13, 2)]
    [InlineData("keep-starting-version", 17, 1)]
    public async Task IncidentClock_FollowsTheAgreementVersionInForce_InQueriesAndCommands_AndIsStoredSo(string policy, int dueHour, int versionOnWednesday)
    {
        var agreement = await EmailUnderGoldAsync(policy);
        var opened = await Itsm.SendAsync(new OpenIncident(As(Acme), "Mail is not delivered", Email, 2, 2, UserId.From("carol")) { Customer = AcmeCorp });
        Assert.True(opened.IsSuccess, opened.Message);
        var id = opened.Value.Record.Id;
        Assert.Equal(1, opened.Value.Record.AgreementVersionAt(Clock.GetCurrentInstant())!.Version);
        await SignedAgreementAsync(new DraftAgreement(As(Acme), AcmeCorp, "E-mail for Acme, platinum", [new(Email, "platinum")], new LocalDate(2026, 3, 4)) { Agreement = agreement });

        Clock.AdvanceHours(49); // Wednesday 10:00
        var now = Clock.GetCurrentInstant();
        var read = (await Itsm.QueryAsync(new GetIncident(As(Acme), id))).Value;
        var status = (await Itsm.QueryAsync(new GetSlaStatus(As(Acme), id))).Value;
        var stored = await WithAsync<IIncidentRepository, Versioned<Incident>?>(r => r.GetAsync(Acme, id, CancellationToken.None));

        Assert.Equal(versionOnWednesday, read.Record.AgreementVersionAt(now)!.Version);
        Assert.Equal(Instant.FromUtc(2026, 3, 4, dueHour, 0), status.Resolution!.Due);
        Assert.Equal(1L, read.Version);
        Assert.DoesNotContain(stored!.Record.ResolutionClock!.Events, e => e is SlaClockRetargeted);

        var assigned = await Itsm.SendAsync(new AssignIncident(As(Acme), id, UserId.From("bob")));
        Assert.True(assigned.IsSuccess, assigned.Message);
        var reloaded = await WithAsync<IIncidentRepository, Versioned<Incident>?>(r => r.GetAsync(Acme, id, CancellationToken.None));

        Assert.Equal(SnapshotJson.Serialize(assigned.Value.Record.ToSnapshot()), SnapshotJson.Serialize(reloaded!.Record.ToSnapshot()));
        Assert.Equal(versionOnWednesday == 2 ? 1 : 0, reloaded.Record.ResolutionClock!.Events.Count(e => e is SlaClockRetargeted));
        Assert.Equal(Instant.FromUtc(2026, 3, 4, dueHour, 0), reloaded.Record.SlaStatus(OfficeHoursOf(reloaded.Record), now).Resolution!.Due);
        Assert.Equal(agreement, reloaded.Record.Sla!.Agreement!.Agreement);
        Assert.Equal([1, 2], reloaded.Record.Sla.Agreement.Periods.Select(p => p.Version));

        // March reports each part against its own version: before version 1, version 1 from Monday 2nd, version 2 from Wednesday 4th.
        var march = await Itsm.QueryAsync(new GetMonthlyServiceReport(As(Acme), Email, new YearMonth(2026, 3)) { Customer = AcmeCorp, Months = 1 });
        Assert.True(march.IsSuccess, march.Message);
        var parts = march.Value.Report.Parts;
        Assert.Equal([null, 1, 2], parts.Select(p => p.Version?.Version));
        Assert.Equal([Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 4, 0, 0)], parts.Skip(1).Select(p => p.Period.Start));
        Assert.Equal([0, 1, 0], parts.Select(p => p.Figures.IncidentCount));
    }

    private static Core.Calendars.BusinessCalendar OfficeHoursOf(Incident incident) =>
        Core.Calendars.BusinessCalendar.Create(
            incident.Sla!.Calendar.Value,
            "Europe/London",
            new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
                .ToDictionary(d => d, _ => (IReadOnlyList<Core.Calendars.WorkingRange>)[Core.Calendars.WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;

    /// <summary>
    /// The e-mail service for Acme Corp with its offerings gold (24 business hours to resolve) and platinum (20), both 4 hours to
    /// respond, and the agreement on gold signed in force from Monday 2 March 2026 in London under <paramref name="policy"/>.
    /// </summary>
    private async Task<AgreementId> EmailUnderGoldAsync(string policy)
    {
        await DefineSlaAsync(Acme);
        Assert.True((await Itsm.SendAsync(new DefineService(As(Acme), Email, "E-mail") { Customers = [AcmeCorp] })).IsSuccess);
        foreach (var (name, resolution) in new[] { ("gold", 24), ("platinum", 20) })
        {
            var targets = Enumerable.Range(1, 5).ToDictionary(r => r, _ => new SlaTargets(Duration.FromHours(4), Duration.FromHours(resolution)));
            Assert.True((await Itsm.SendAsync(new AddOffering(As(Acme), Email, name, targets))).IsSuccess);
        }

        return await SignedAgreementAsync(new DraftAgreement(As(Acme), AcmeCorp, "E-mail for Acme", [new(Email, "gold")], new LocalDate(2026, 3, 2)) { Zone = "Europe/London", RetargetPolicy = policy });
    }

    private async Task<AgreementId> SignedAgreementAsync(DraftAgreement draft)
    {
        var drafted = await Itsm.SendAsync(draft);
        Assert.True(drafted.IsSuccess, drafted.Message);
        var id = drafted.Value.Record.Id;
        Assert.True((await Itsm.SendAsync(new SubmitAgreementForReview(As(Acme), id))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new SignAgreement(As(Acme), id, AgreementParty.Provider))).IsSuccess);
        var signed = await Itsm.SendAsync(new SignAgreement(As(Acme, "acme-cio"), id, AgreementParty.Customer));
        Assert.True(signed.IsSuccess, signed.Message);
        return id;
    }
}
