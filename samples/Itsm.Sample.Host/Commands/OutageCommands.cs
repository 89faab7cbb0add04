using System.CommandLine;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Common;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm outage record|end|correct|list</c>: the outage records of availability management against the host's store, one library
/// command or query per invocation. Every subcommand takes <c>--tenant</c>, <c>--actor</c>, <c>--at</c> and <c>--json</c>; exit codes as
/// for incidents: 2 a bad value, 4 an unknown item or outage, 5 an outage already ended or a stale version.
/// </summary>
internal static class OutageCommands
{
    private static readonly Dictionary<string, OutageKind> Kinds = new(StringComparer.OrdinalIgnoreCase) { ["planned"] = OutageKind.Planned, ["unplanned"] = OutageKind.Unplanned };

    /// <summary>Creates the <c>outage</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var outage = new Command("outage", "Availability management: record the outages of configuration items (planned work or failures), end and correct them, list them; 'itsm availability' measures services from them.");
        var item = TypedOptions.Text<ConfigurationItemId>("--item", "The configuration item that is or was out (a CI of the tenant's CMDB).", required: true);
        var start = TypedOptions.Instant("--start", "The first instant it was out, ISO-8601 with Z or an offset.");
        var end = TypedOptions.OptionalInstant("--end", "The first instant it was back (exclusive); omit while it is still out.");
        var kind = TypedOptions.Choice("--kind", "planned or unplanned; unplanned when omitted.", Kinds, "unplanned");
        var incident = new Option<string?>("--incident") { Description = "The incident (a GUID) that reported the failure." };
        var change = new Option<string?>("--change") { Description = "The change (a GUID) whose work took the item out." };
        outage.Subcommands.Add(OneRequest.Create(
            "record",
            "Record an outage of a configuration item; prints its id.\n\nExample:\n  itsm outage record --item san-01 --start 2027-03-07T22:00:00Z --end 2027-03-08T02:00:00Z --kind planned",
            [item, start, end, kind, incident, change],
            (session, p, ct) => session.Dispatcher.SendAsync(new RecordOutage(session.Context, p.GetValue(item)!.Value, p.GetValue(start), p.GetValue(end), p.GetValue(kind)) { Cause = Cause(p.GetValue(incident), p.GetValue(change)) }, ct),
            Document,
            Confirm("recorded")));

        var id = TypedOptions.GuidArgument<OutageId>("The outage's id, as 'record' or 'list' printed it.", "an outage", "use the GUID printed by 'itsm outage record' or 'itsm outage list'.");
        var expected = new Option<long?>("--expected-version") { Description = "Refuse (conflict) unless the outage is still at this version, the one you looked at." };
        var endAt = TypedOptions.Instant("--end", "The first instant the item was back, ISO-8601 with Z or an offset.");
        outage.Subcommands.Add(OneRequest.Create(
            "end",
            "End an ongoing outage.\n\nExample:\n  itsm outage end ID --end 2027-03-10T13:00:00Z",
            [id, endAt, expected],
            (session, p, ct) => session.Dispatcher.SendAsync(new EndOutage(session.Context, p.GetValue(id), p.GetValue(endAt)) { ExpectedVersion = p.GetValue(expected) }, ct),
            Document,
            Confirm("ended")));

        var reason = new Option<string>("--reason") { Description = "Why the record was wrong.", Required = true };
        var newItem = TypedOptions.Text<ConfigurationItemId>("--item", "The corrected item; unchanged when omitted.");
        var newStart = TypedOptions.OptionalInstant("--start", "The corrected start; unchanged when omitted.");
        var newEnd = TypedOptions.OptionalInstant("--end", "The corrected end; unchanged when omitted.");
        var ongoing = new Option<bool>("--ongoing") { Description = "The outage has not ended after all (clears its end)." };
        var newKind = new Option<string?>("--kind") { Description = "The corrected kind, planned or unplanned; unchanged when omitted." };
        var noCause = new Option<bool>("--no-cause") { Description = "The outage has no known cause after all." };
        outage.Subcommands.Add(OneRequest.Create(
            "correct",
            "Correct what an outage record says, with the reason; options not given keep their value.\n\nExample:\n  itsm outage correct ID --start 2027-03-10T09:00:00Z --reason \"the first alarm was at 09:00\"",
            [id, reason, newItem, newStart, newEnd, ongoing, newKind, incident, change, noCause, expected],
            async (session, p, ct) =>
            {
                var stored = await session.Dispatcher.QueryAsync(new GetOutage(session.Context, p.GetValue(id)), ct).ConfigureAwait(false);
                if (!stored.IsSuccess)
                {
                    return stored;
                }

                var was = stored.Value.Record.Details;
                var details = new OutageDetails(
                    p.GetValue(newItem) ?? was.Item,
                    p.GetValue(newStart) ?? was.Start,
                    p.GetValue(ongoing) ? null : p.GetValue(newEnd) ?? was.End,
                    p.GetValue(newKind) is { } k ? (Kinds.TryGetValue(k, out var parsed) ? parsed : throw new InputException($"--kind: '{k}' is neither planned nor unplanned.")) : was.Kind,
                    p.GetValue(noCause) ? null : Cause(p.GetValue(incident), p.GetValue(change)) ?? was.Cause);
                return await session.Dispatcher.SendAsync(new CorrectOutage(session.Context, p.GetValue(id), details, p.GetValue(reason)!) { ExpectedVersion = p.GetValue(expected) ?? stored.Value.Version }, ct).ConfigureAwait(false);
            },
            Document,
            Confirm("corrected")));
        outage.Subcommands.Add(CreateList());
        return outage;
    }

    private static Command CreateList()
    {
        var item = TypedOptions.Text<ConfigurationItemId>("--item", "Only the outages of this item.");
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "Only the outages of the items this service depends on, the service included.");
        var from = TypedOptions.OptionalInstant("--from", "Only outages still going on at or after this instant (with --to).");
        var to = TypedOptions.OptionalInstant("--to", "Only outages starting before this instant (with --from).");
        var skip = new Option<int>("--skip") { Description = "How many to skip." };
        var take = new Option<int>("--take") { Description = "How many to list at most (1 to 1,000).", DefaultValueFactory = _ => 100 };
        return OneRequest.Create(
            "list",
            "List outages by start: of an item or of a service, overlapping a period when given.\n\nExample:\n  itsm outage list --service payroll --from 2027-03-01T00:00:00Z --to 2027-04-01T00:00:00Z",
            [item, service, from, to, skip, take],
            (session, p, ct) => session.Dispatcher.QueryAsync(new ListOutages(session.Context) { Item = p.GetValue(item), Service = p.GetValue(service), From = p.GetValue(from), To = p.GetValue(to), Skip = p.GetValue(skip), Take = p.GetValue(take) }, ct),
            (list, session) => new OutageListDocument(session.Context.Tenant.Value, list.Count, [.. list.Select(o => Document(o, session))]),
            (list, session, output) =>
            {
                foreach (var o in list)
                {
                    output.WriteLine(SafeText.Escape(Line(o)));
                }

                output.WriteLine(SafeText.Escape($"{list.Count} outage(s) in tenant '{session.Context.Tenant}'"));
            });
    }

    private static OutageCause? Cause(string? incident, string? change) => (incident, change) switch
    {
        (null, null) => null,
        ({ } i, null) => IncidentId.Parse(i, "--incident") is { IsSuccess: true } parsed ? OutageCause.OfIncident(parsed.Value) : throw new InputException($"--incident: '{i}' is not an incident id (a GUID)."),
        (null, { } c) => ChangeId.Parse(c, "--change") is { IsSuccess: true } parsed ? OutageCause.OfChange(parsed.Value) : throw new InputException($"--change: '{c}' is not a change id (a GUID)."),
        _ => throw new InputException("--incident and --change: an outage is caused by an incident or a change; give one."),
    };

    private static Action<Versioned<OutageRecord>, RecordSession, TextWriter> Confirm(string done) =>
        (o, session, output) => output.WriteLine(SafeText.Escape($"{done} {Line(o)} in tenant '{session.Context.Tenant}'"));

    private static string Line(Versioned<OutageRecord> o) =>
        $"outage {o.Record.Id} of {o.Record.Item}: {Kind(o.Record.Kind)} from {InstantText.Format(o.Record.Start)} to {(o.Record.End is { } e ? InstantText.Format(e) : "(ongoing)")}{(o.Record.Cause is { } c ? $", caused by {c}" : string.Empty)} (version {o.Version})";

    private static string Kind(OutageKind kind) => kind == OutageKind.Planned ? "planned" : "unplanned";

    private static OutageDocument Document(Versioned<OutageRecord> o, RecordSession session) => new(
        session.Context.Tenant.Value,
        o.Record.Id.ToString(),
        o.Record.Item.Value,
        InstantText.Format(o.Record.Start),
        o.Record.End is { } e ? InstantText.Format(e) : null,
        Kind(o.Record.Kind),
        o.Record.Cause?.Incident?.ToString(),
        o.Record.Cause?.Change?.ToString(),
        o.Version,
        o.Record.History.Count);
}

/// <summary>An outage record as JSON (<c>itsm outage record|end|correct --json</c>).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Id">The outage's id.</param>
/// <param name="Item">The item that was out.</param>
/// <param name="Start">The first instant out, ISO-8601 UTC.</param>
/// <param name="End">The first instant back, or null while ongoing.</param>
/// <param name="Kind"><c>planned</c> or <c>unplanned</c>.</param>
/// <param name="Incident">The causing incident, or null.</param>
/// <param name="Change">The causing change, or null.</param>
/// <param name="Version">The stored version.</param>
/// <param name="HistoryRecords">How many history records it has.</param>
internal sealed record OutageDocument(string Tenant, string Id, string Item, string Start, string? End, string Kind, string? Incident, string? Change, long Version, int HistoryRecords);

/// <summary>The document of <c>itsm outage list --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Count">How many are listed.</param>
/// <param name="Outages">The outages, by start.</param>
internal sealed record OutageListDocument(string Tenant, int Count, IReadOnlyList<OutageDocument> Outages);
