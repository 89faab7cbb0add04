using Itsm.Core.Application.Availability;
using Itsm.Core.Availability;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Availability target revisions with effective instants on every store: the history comes back whole, and a day is assessed part by part.</summary>
public abstract partial class StoreContract
{
    /// <summary>
    /// Monday 2 March 2026 in office hours (09:00 to 17:00), down 10:00 to 11:00: 99 % back-dated a week, 99.9 % from 13:00, gold 99.99 %
    /// from 15:00. The service's day splits at 13:00 (the morning missed its 2 min 24 s, the afternoon met its 14.4 s), gold's at 13:00 and 15:00.
    /// </summary>
    [Fact]
    public async Task AvailabilityTargets_RevisedWithEffectiveInstants_ReloadWhole_AndEachPartIsAssessedAgainstItsOwn()
    {
        await DefineSlaAsync(Acme);
        await RegisterHrAsync(Acme);
        var monday = Clock.GetCurrentInstant();
        Assert.True((await Itsm.SendAsync(new RecordOutage(As(Acme), HrServer, monday + Duration.FromHours(1), monday + Duration.FromHours(2), OutageKind.Unplanned))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.99) { EffectiveFrom = monday - Duration.FromDays(7) })).IsSuccess);
        Clock.Advance(Duration.FromMinutes(1));
        Assert.True((await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.999) { EffectiveFrom = monday + Duration.FromHours(4) })).IsSuccess);
        Clock.Advance(Duration.FromMinutes(1));
        Assert.True((await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.9999) { Offering = "gold", EffectiveFrom = monday + Duration.FromHours(6) })).IsSuccess);
        var outOfOrder = await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.95) { EffectiveFrom = monday + Duration.FromHours(3) });
        var day = new Interval(monday, monday + Duration.FromHours(8));

        var stored = (await Itsm.QueryAsync(new GetAvailabilityTargets(As(Acme), HrService))).Value;
        var service = (await Itsm.QueryAsync(new GetAvailability(As(Acme), HrService, day, CalendarId.From("office")))).Value.Attainment!;
        var gold = (await Itsm.QueryAsync(new GetAvailability(As(Acme), HrService, day, CalendarId.From("office")) { Offering = "gold" })).Value.Attainment!;

        Assert.Equal((ResultStatus.Conflict, 3L), (outOfOrder.Status, stored.Version));
        Assert.Equal(
            [(null, 0.99, monday - Duration.FromDays(7)), (null, 0.999, monday + Duration.FromHours(4)), ("gold", 0.9999, monday + Duration.FromHours(6))],
            stored.Record.History.OfType<AvailabilityTargetSet>().Select(s => (s.Offering, s.Target, s.Effective)).ToArray());
        Assert.Equal([monday, monday + Duration.FromMinutes(1), monday + Duration.FromMinutes(2)], stored.Record.History.Select(s => s.At).ToArray());
        Assert.Equal([(0.99, false), (0.999, true)], service.Parts.Select(p => (p.Target!.Value, p.Met!.Value)).ToArray());
        Assert.Equal([monday, monday + Duration.FromHours(4)], service.Parts.Select(p => p.Period.Start).ToArray());
        Assert.Equal((Duration.FromHours(8), Duration.FromHours(1), false), (service.Agreed, service.Down, service.Met));
        Assert.Equal(144 + 14.4, service.AllowedDowntime.TotalSeconds, 6);
        Assert.Equal([0.99, 0.999, 0.9999], gold.Parts.Select(p => p.Target!.Value).ToArray());
        Assert.Equal(stored.Record.InForce("gold", day).Select(p => p.Period).ToArray(), gold.Parts.Select(p => p.Period).ToArray());
    }
}
