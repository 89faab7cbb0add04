using System.Collections.Immutable;
using Itsm.Core.Application;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Nothing accepted is lost, for configuration items, SLA definitions and calendars too: each command appends one
/// event, and the store gives the whole, ordered history back (from another process for the database stores).
/// </summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task ConfigurationItemThroughItsChanges_ReloadsWithItsWholeHistory()
    {
        var id = ConfigurationItemId.From("db-01");
        var steps = new List<(Type What, string Actor, Instant At)>();
        async Task StepAsync<TEvent>(string actor, Func<RequestContext, ICommand<Result<Versioned<ConfigurationItemSnapshot>>>> command)
        {
            Clock.AdvanceMinutes(5);
            var result = await Itsm.SendAsync(command(As(Acme, actor)));
            Assert.True(result.IsSuccess, result.Message);
            var stored = (await Itsm.QueryAsync(new GetConfigurationItem(As(Acme), id))).Value.Item;
            Assert.Equal((stored.Version, SnapshotJson.Serialize(stored.Record)), (result.Value.Version, SnapshotJson.Serialize(result.Value.Record)));
            steps.Add((typeof(TEvent), actor, Clock.GetCurrentInstant()));
        }

        await StepAsync<ConfigurationItemRegistered>("alice", c => new RegisterConfigurationItem(c, id, ConfigurationItemClass.Database, "Payroll db", Status: ConfigurationItemStatus.Planned));
        await StepAsync<ConfigurationItemUpdated>("bob", c => new UpdateConfigurationItem(c, id, Name: "Payroll database", Criticality: BusinessCriticality.High, InMaintenance: false));
        await StepAsync<ConfigurationItemUpdated>("bob", c => new UpdateConfigurationItem(c, id, SetAttributes: new Dictionary<string, AttributeValue> { ["engine"] = AttributeValue.FromText("postgres") }, InMaintenance: true));
        await StepAsync<ConfigurationItemUpdated>("carol", c => new UpdateConfigurationItem(c, id, RemoveAttributes: ["engine"], InMaintenance: false) { ExpectedVersion = 3 });
        await StepAsync<ConfigurationItemRetired>("carol", c => new RetireConfigurationItem(c, id));

        var inMemory = (await Itsm.QueryAsync(new GetConfigurationItem(As(Acme), id))).Value.Item.Record.History!;
        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;
        var reloaded = (await other.QueryAsync(new GetConfigurationItem(As(Acme), id))).Value.Item.Record;

        Assert.Equal(ConfigurationItemStatus.Retired, reloaded.Status);
        Assert.Equal(steps, reloaded.History!.Select(e => (e.GetType(), e.By.Value, e.At)));
        Assert.Equal(inMemory.Select(SnapshotJson.Serialize), reloaded.History!.Select(SnapshotJson.Serialize));
        Assert.Equal(["engine"], reloaded.History!.OfType<ConfigurationItemUpdated>().Last().Update.RemoveAttributes!);
        Assert.True(ConfigurationItem.Restore(reloaded).IsSuccess);
    }

    [Fact]
    public async Task SlaDefinitionAndCalendarThroughTheirChanges_ReloadWithTheirWholeHistories()
    {
        await DefineSlaAsync(Acme);
        var defined = new List<Instant> { Clock.GetCurrentInstant() };
        var office = CalendarId.From("office");
        var gold = SlaDefinitionId.From("gold-" + Email.Value);
        var calendar = (await Itsm.QueryAsync(new GetCalendar(As(Acme), office))).Value;
        for (var round = 1; round <= 2; round++)
        {
            Clock.AdvanceMinutes(30);
            defined.Add(Clock.GetCurrentInstant());
            var week = calendar.Record.Week.ToDictionary(d => d.Key, d => (IReadOnlyList<WorkingRange>)d.Value);
            week[IsoDayOfWeek.Saturday] = [WorkingRange.Between(new LocalTime(9, 0), new LocalTime(9 + round, 0))];
            var replacement = BusinessCalendarDefinition.Create("office", "Europe/London", week, calendar.Record.Holidays).Value;
            var redefined = await Itsm.SendAsync(new RedefineCalendar(As(Acme, "planner"), office, replacement, calendar.Version));
            Assert.True(redefined.IsSuccess, redefined.Message);
            calendar = redefined.Value;

            var targets = new Dictionary<int, SlaTargets> { [1] = new(Duration.FromHours(round), Duration.FromHours(4 * round)) };
            var terms = SlaDefinition.Create(gold, "Gold", new SlaScope(Email), office, targets, new SlaClockRules { PausedBy = [SlaPause.OnHold, SlaPause.AwaitingCustomer] }).Value;
            var revised = await Itsm.SendAsync(new ReviseSla(As(Acme, "owner"), terms) { ExpectedVersion = round });
            Assert.True(revised.IsSuccess, revised.Message);
            Assert.Equal(round + 1, revised.Value.Version);
        }

        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;
        var sla = (await other.QueryAsync(new GetSlaDefinition(As(Acme), gold))).Value.Record;
        var reloadedCalendar = (await other.QueryAsync(new GetCalendar(As(Acme), office))).Value.Record;

        Assert.Equal([(typeof(SlaDefined), "admin"), (typeof(SlaRevised), "owner"), (typeof(SlaRevised), "owner")], sla.History.Select(e => (e.GetType(), e.By.Value)));
        Assert.Equal([(typeof(CalendarDefined), "admin"), (typeof(CalendarRedefined), "planner"), (typeof(CalendarRedefined), "planner")], reloadedCalendar.History.Select(e => (e.GetType(), e.By.Value)));
        Assert.Equal(defined, sla.History.Select(e => e.At));
        Assert.Equal(defined, reloadedCalendar.History.Select(e => e.At));
        Assert.Equal(Duration.FromHours(8), sla.Targets[1].Resolution);
        Assert.Equal(Duration.FromHours(8), sla.History[^1].Terms.Targets[1].Resolution);
        Assert.Equal(new LocalTime(11, 0), reloadedCalendar.RangesOn(IsoDayOfWeek.Saturday)[0].End);
        Assert.Equal(SnapshotJson.Serialize(calendar.Record.ToSnapshot()), SnapshotJson.Serialize(reloadedCalendar.ToSnapshot()));
    }

    [Fact]
    public async Task ReviseSla_AtAStaleVersion_IsConflictAndChangesNothing()
    {
        await DefineSlaAsync(Acme);
        var gold = SlaDefinitionId.From("gold-" + Email.Value);
        var terms = SlaDefinition.Create(gold, "Gold", new SlaScope(Email), CalendarId.From("office"), ImmutableSortedDictionary<int, SlaTargets>.Empty.Add(1, new(Duration.FromHours(1), Duration.FromHours(2)))).Value;

        var stale = await Itsm.SendAsync(new ReviseSla(As(Acme, "owner"), terms) { ExpectedVersion = 2 });
        var unknown = await Itsm.SendAsync(new ReviseSla(As(Globex, "owner"), terms));

        Assert.Equal((ResultStatus.Conflict, "record.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal((ResultStatus.NotFound, "calendar.not-found"), (unknown.Status, unknown.ErrorCode));
        var stored = (await Itsm.QueryAsync(new GetSlaDefinition(As(Acme), gold))).Value;
        Assert.Equal((1L, 1), (stored.Version, stored.Record.History.Count));
    }
}
