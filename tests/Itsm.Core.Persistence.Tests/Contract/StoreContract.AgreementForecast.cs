using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// The breach forecast and the breaching list as the clocks stand now, on every store: the incident of
/// <see cref="IncidentClock_FollowsTheAgreementVersionInForce_InQueriesAndCommands_AndIsStoredSo"/>, answered at once, so only its
/// resolution clock runs; stored with its breach projected for Thursday 09:00 under version 1 (due Wednesday 17:00, the close of business). Read on Wednesday 10:00 with no
/// command since, a re-targeting agreement's version 2 makes it due at 13:00: forecast before 14:00 it is listed, and under the
/// starting version it is not; the plain listing shows the same breach. Asking stores nothing.
/// </summary>
public abstract partial class StoreContract
{
    [Theory]
    [InlineData("retarget", true)]
    [InlineData("keep-starting-version", false)]
    public async Task BreachForecast_AndBreachingList_SeeTheVersionInForceNow_WithoutAnyCommandSince(string policy, bool forecast)
    {
        var agreement = await EmailUnderGoldAsync(policy);
        var opened = await Itsm.SendAsync(new OpenIncident(As(Acme), "Mail is not delivered", Email, 2, 2, UserId.From("carol")) { Customer = AcmeCorp });
        Assert.True(opened.IsSuccess, opened.Message);
        var id = opened.Value.Record.Id;
        var answered = await Itsm.SendAsync(new RecordFirstResponse(As(Acme), id));
        Assert.True(answered.IsSuccess, answered.Message);
        Assert.Equal(Instant.FromUtc(2026, 3, 5, 9, 0), answered.Value.Record.NextBreachAt); // due at 17:00, breached at the next business instant
        await SignedAgreementAsync(new DraftAgreement(As(Acme), AcmeCorp, "E-mail for Acme, platinum", [new(Email, "platinum")], new LocalDate(2026, 3, 4)) { Agreement = agreement });
        // A second incident, opened and answered after version 2 was signed (still in version 1's time): it follows the same agreement.
        var other = await Itsm.SendAsync(new OpenIncident(As(Acme), "Calendar sync slow", Email, 2, 2, UserId.From("dave")) { Customer = AcmeCorp });
        Assert.True(other.IsSuccess, other.Message);
        Assert.True((await Itsm.SendAsync(new RecordFirstResponse(As(Acme), other.Value.Record.Id))).IsSuccess);

        Clock.AdvanceHours(49); // Wednesday 10:00
        var horizon = Instant.FromUtc(2026, 3, 4, 14, 0);
        var forecasted = await Itsm.QueryAsync(new ForecastBreaches(As(Acme), horizon));
        var listed = await Itsm.QueryAsync(new ListIncidents(As(Acme)) { BreachingBefore = horizon });
        var firstOnly = await Itsm.QueryAsync(new ListIncidents(As(Acme)) { BreachingBefore = horizon, Take = 1 });
        var all = await Itsm.QueryAsync(new ListIncidents(As(Acme)));
        var stored = await WithAsync<IIncidentRepository, Versioned<Incident>?>(r => r.GetAsync(Acme, id, CancellationToken.None));

        Assert.True(forecasted.IsSuccess, forecasted.Message);
        Assert.True(listed.IsSuccess, listed.Message);
        var due = Instant.FromUtc(2026, 3, 4, 13, 0);
        IEnumerable<(IncidentId, Instant)> expected = forecast ? new[] { (id, due), (other.Value.Record.Id, due) }.OrderBy(e => e.Item1) : [];
        Assert.Equal(expected, forecasted.Value.Select(f => (f.Incident, f.BreachAt)));
        Assert.Equal(expected.Select(e => e.Item1), listed.Value.Select(v => v.Record.Id));
        Assert.Equal(expected.Take(1).Select(e => e.Item1), firstOnly.Value.Select(v => v.Record.Id));
        Assert.Equal((2L, Instant.FromUtc(2026, 3, 5, 9, 0)), (stored!.Version, stored.Record.NextBreachAt!.Value));
        // The plain listing shows the breach as it stands now too.
        var breachNow = forecast ? due : Instant.FromUtc(2026, 3, 5, 9, 0);
        Assert.Equal(
            new[] { (id, breachNow), (other.Value.Record.Id, breachNow) }.OrderBy(e => e.Item1),
            all.Value.Select(v => (v.Record.Id, v.Record.NextBreachAt!.Value)).OrderBy(e => e.Item1));
    }
}
