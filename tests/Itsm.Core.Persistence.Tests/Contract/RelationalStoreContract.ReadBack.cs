using Itsm.Core.Application;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Pipeline;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Direct edits of changes, configuration items, relationships, SLA definitions, calendars and incidents'
/// priority decisions (issue 14): each is read back as a typed <c>store.record-invalid</c> naming the table
/// and key, never an exception; the tenant's other records still load; <see cref="VerifyStore"/> lists exactly it.
/// </summary>
public abstract partial class RelationalStoreContract
{
    private const string Long = "long";

    [Theory]
    [InlineData("changes", "key", "its document is the record")]
    [InlineData("changes", "status = 'Closed'", "its column status says Closed but its document says")]
    [InlineData("changes", "change_type = 'Emergency'", "its column change_type says Emergency")]
    [InlineData("changes", "requester = 'mallory'", "its column requester says mallory")]
    [InlineData("changes", "window_start = 1", "its column window_start says 1")]
    [InlineData("changes", "window_end = 1", "its column window_end says 1")]
    [InlineData("changes", "raised_at = 1", "its column raised_at says 1")]
    [InlineData("changes", "implementation_ended_at = 1", "its column implementation_ended_at says 1 but its document says NULL")]
    [InlineData("changes", "version = 0", "its version 0 is out of range")]
    [InlineData("changes", "version = -5", "its version -5 is out of range")]
    [InlineData("changes", "json:type=99", "not a valid ChangeRequestSnapshot")]
    [InlineData("changes", "json:title=", "Its title is empty")]
    [InlineData("changes", "json:title=long", "Title has 20000 characters, more than the limit of 10000")]
    [InlineData("changes", "json:title=escape", "Title has the control character U+001B")]
    [InlineData("changes", "json:plans.implementation=escape", "Plans.Implementation has the control character U+001B")]
    [InlineData("changes", "window-inverted", "must be before the end")]
    [InlineData("configuration_items", "key", "its document is the record 'srv-c'")]
    [InlineData("configuration_items", "version = 0", "its version 0 is out of range")]
    [InlineData("configuration_items", "json:name=", "Its name must not be empty")]
    [InlineData("configuration_items", "json:name=long", "Its name must be at most 200 characters long")]
    [InlineData("configuration_items", "json:criticality=99", "not a valid ConfigurationItemSnapshot")]
    [InlineData("configuration_items", "json:criticality=Cosmic", "not a valid ConfigurationItemSnapshot")]
    [InlineData("configuration_items", "attribute=long", "has 20000 characters, more than the limit of 10000")]
    [InlineData("configuration_items", "attribute=escape", "has the control character U+001B")]
    [InlineData("relationships", "target = 'srv-c'", "its document is the relationship")]
    [InlineData("relationships", "json:type.name=escape", "not a valid relationship")]
    [InlineData("relationships", "json:type.direction=Sideways", "not a valid relationship")]
    [InlineData("sla_definitions", "key", "its document is the record 'gold-svc-payroll'")]
    [InlineData("sla_definitions", "service = 'svc-x'", "its column service says svc-x but its document says svc-email")]
    [InlineData("sla_definitions", "customer = 'acme'", "its column customer says acme but its document says NULL")]
    [InlineData("sla_definitions", "calendar = 'nights'", "its column calendar says nights but its document says office")]
    [InlineData("sla_definitions", "version = 0", "its version 0 is out of range")]
    [InlineData("sla_definitions", "json:name=", "Name must not be empty")]
    [InlineData("sla_definitions", "json:name=escape", "Name has the control character U+001B")]
    [InlineData("sla_definitions", "json:targets.1.response=-1:00:00", "Response and resolution targets must be positive")]
    [InlineData("sla_definitions", "json:retargetPolicy=wizard", "not a valid SlaDefinitionSnapshot")]
    [InlineData("calendars", "version = -1", "its version -1 is out of range")]
    [InlineData("calendars", "json:name=", "A calendar needs a name")]
    [InlineData("calendars", "json:name=escape", "Name has the control character U+001B")]
    [InlineData("calendars", "json:zoneId=Mars/Olympus", "Unknown time zone id 'Mars/Olympus'")]
    [InlineData("calendars", "json:name=huge", "more than the limit of 1048576 (CalendarJson.MaxDocumentLength)")]
    [InlineData("incidents", "json:decision.impact=7", "Its impact 7 and urgency 2 (effective 2) are outside ITIL 3x3")]
    [InlineData("incidents", "json:decision.urgency=0", "not a valid IncidentSnapshot")]
    [InlineData("incidents", "json:decision.matrixPriority=1", "Its matrix priority is P1, but ITIL 3x3 gives P3")]
    [InlineData("incidents", "json:decision.matrix=Mine", "decided by the matrix 'Mine'")]
    [InlineData("incidents", "json:facts.isVipCaller=maybe", "not a valid IncidentSnapshot")]
    public async Task Corruption_OfAStoredRecord_IsATypedErrorNamingIt_AndTheRestOfTheTenantLoads(string table, string edit, string expected)
    {
        var (damaged, healthy, read) = await SeedAsync(table);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, EditSql(table, edit, damaged, healthy)));
        }

        var failed = await read(damaged);
        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
        Assert.Contains($"({Acme.Value}, {damaged}", failed.Text(), StringComparison.Ordinal);
        Assert.Contains($"of {table}", failed.Text(), StringComparison.Ordinal);
        Assert.Contains(expected, failed.Text(), StringComparison.Ordinal);

        if (table != "relationships")
        {
            var loaded = await read(healthy);
            Assert.True(loaded.IsSuccess, loaded.Text());
        }

        // The tenant's other records still load: its incidents (or, for an incident, the other one) and its items.
        Assert.True((await Itsm.QueryAsync(new ListIncidents(As(Acme)) { States = [IncidentState.Closed] })).IsSuccess);
        Assert.True((await Itsm.QueryAsync(new GetSlaDefinition(As(Acme), SlaDefinitionId.From(table == "sla_definitions" ? healthy : "gold-svc-payroll")))).IsSuccess);
        var problem = Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
        Assert.Equal(table, problem.Table);
        Assert.StartsWith($"({Acme.Value}, {damaged}", problem.Key, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corruption_OfACalendarsKey_IsListedByVerifyStore()
    {
        await DefineSlaAsync(Acme);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE calendars SET id = ' office' WHERE tenant = '{Acme.Value}' AND id = 'office'"));
        }

        var problems = (await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems;

        Assert.Equal(3, problems.Length);
        var calendar = Assert.Single(problems, p => p.Table == "calendars");
        Assert.Equal($"({Acme.Value},  office)", calendar.Key);
        Assert.Contains("Its key ' office' is not a calendar id", calendar.Message, StringComparison.Ordinal);

        // The SLA definitions measured on it now name a calendar the tenant does not have, which DefineSla would refuse.
        Assert.Equal(
            [$"({Acme.Value}, gold-svc-email)", $"({Acme.Value}, gold-svc-payroll)"],
            problems.Where(p => p.Table == "sla_definitions" && p.Message.Contains("its calendar 'office' does not exist", StringComparison.Ordinal)).Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task VerifyStore_ListsEveryInvalidRelationship_NotOnlyTheFirst()
    {
        foreach (var id in new[] { "srv-a", "srv-b", "srv-c" })
        {
            await RegisterAsync(id);
        }

        foreach (var (source, target) in new[] { ("srv-a", "srv-b"), ("srv-b", "srv-c"), ("srv-a", "srv-c") })
        {
            Assert.True((await Itsm.SendAsync(new Relate(As(Acme), ConfigurationItemId.From(source), ConfigurationItemId.From(target), RelationshipType.DependsOn))).IsSuccess);
        }

        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE relationships SET document = '{{' WHERE tenant = '{Acme.Value}' AND target = 'srv-c'"));
        }

        var verified = (await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value;

        Assert.Equal(
            [$"({Acme.Value}, srv-a, srv-c, DEPENDS ON)", $"({Acme.Value}, srv-b, srv-c, DEPENDS ON)"],
            verified.Problems.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(verified.Problems, p => Assert.Equal("relationships", p.Table));
    }

    [Fact]
    public async Task PriorityDecisions_AreCheckedAgainstTheRegisteredMatrix_AndTheEarlierMatricesNamedInStoredRecordRules()
    {
        await DefineSlaAsync(Acme);
        var itil = await OpenAsync(Acme, impact: 3, urgency: 3);
        var glpi = new PriorityPolicy(PriorityMatrix.Glpi5x5, []);

        async Task<IResult> ReadWith(Action<IServiceCollection> register)
        {
            var services = new ServiceCollection();
            register(services);
            Store.Use(services.AddItsmCore(options => options.AuditChainKey = ChainKey));
            await using var provider = services.BuildServiceProvider();
            return await provider.GetRequiredService<IItsmDispatcher>().QueryAsync(new GetIncident(As(Acme), itil));
        }

        var moved = await ReadWith(services => services.AddSingleton(glpi));
        var named = await ReadWith(services => services.AddSingleton(glpi).AddSingleton(new StoredRecordRules(RequestLimits.Default, glpi, [PriorityMatrix.Itil3x3])));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (moved.Status, moved.ErrorCode));
        Assert.Contains("decided by the matrix 'ITIL 3x3', which is neither the registered GLPI-style 5x5", moved.Text(), StringComparison.Ordinal);
        Assert.True(named.IsSuccess, named.Text());
        Assert.Equal(5, ((Result<Versioned<Incident>>)named).Value.Record.Decision.Priority.Rank);
    }

    /// <summary>Two records of <paramref name="table"/> in Acme (the first to be damaged) and how to read one through the dispatcher.</summary>
    private async Task<(string Damaged, string Healthy, Func<string, Task<IResult>> Read)> SeedAsync(string table)
    {
        await DefineSlaAsync(Acme);
        var nights = BusinessCalendarDefinition.Create("nights", "UTC", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Sunday] = [WorkingRange.WholeDay] }).Value;
        Assert.True((await Itsm.SendAsync(new DefineCalendar(As(Acme), CalendarId.From("nights"), nights))).IsSuccess);
        await OpenAsync(Acme);
        foreach (var id in new[] { "srv-a", "srv-b", "srv-c" })
        {
            await RegisterAsync(id);
        }

        Assert.True((await Itsm.SendAsync(new Relate(As(Acme), ConfigurationItemId.From("srv-a"), ConfigurationItemId.From("srv-b"), RelationshipType.DependsOn))).IsSuccess);
        switch (table)
        {
            case "changes":
                var window = Clock.GetCurrentInstant() + Duration.FromDays(2);
                async Task<string> RaiseAsync()
                {
                    var raised = await Itsm.SendAsync(new RaiseChange(
                        As(Acme), ChangeType.Normal, "Patch", [ConfigurationItemId.From("srv-a")], new Interval(window, window + Duration.FromHours(1)), new ChangePlans("steps", "tested", "roll back")));
                    Assert.True(raised.IsSuccess, raised.Message);
                    return raised.Value.Record.Id.ToString();
                }

                return (await RaiseAsync(), await RaiseAsync(), async id => await Itsm.QueryAsync(new GetChange(As(Acme), ChangeId.Parse(id).Value)));
            case "configuration_items":
                return ("srv-a", "srv-c", async id => await Itsm.QueryAsync(new GetConfigurationItem(As(Acme), ConfigurationItemId.From(id))));
            case "relationships":
                return ("srv-a, srv-", "srv-c", async _ => await Itsm.QueryAsync(new AnalyseImpact(As(Acme), [ConfigurationItemId.From("srv-b")])));
            case "sla_definitions":
                return ("gold-svc-email", "gold-svc-payroll", async id => await Itsm.QueryAsync(new GetSlaDefinition(As(Acme), SlaDefinitionId.From(id))));
            case "calendars":
                return ("office", "nights", async id => await Itsm.QueryAsync(new GetCalendar(As(Acme), CalendarId.From(id))));
            default:
                var first = await OpenAsync(Acme);
                var second = await OpenAsync(Acme);
                return (first.ToString(), second.ToString(), async id => await Itsm.QueryAsync(new GetIncident(As(Acme), IncidentId.Parse(id).Value)));
        }
    }

    /// <summary>The statement that makes <paramref name="edit"/> to the record <paramref name="damaged"/>, on this engine.</summary>
    private string EditSql(string table, string edit, string damaged, string healthy)
    {
        var where = table == "relationships"
            ? $"WHERE tenant = '{Acme.Value}' AND source = 'srv-a' AND target = 'srv-b'"
            : $"WHERE tenant = '{Acme.Value}' AND id = '{damaged}'";
        if (edit == "key")
        {
            return $"UPDATE {table} SET document = (SELECT document FROM {table} WHERE tenant = '{Acme.Value}' AND id = '{healthy}') {where}";
        }

        if (edit == "window-inverted")
        {
            return IsSqlite
                ? $"UPDATE changes SET document = json_set(document, '$.plannedWindow.end', json_extract(document, '$.plannedWindow.start')) {where}"
                : $"UPDATE changes SET document = jsonb_set(document::jsonb, '{{plannedWindow,end}}', document::jsonb->'plannedWindow'->'start')::text {where}";
        }

        if (edit.StartsWith("attribute=", StringComparison.Ordinal))
        {
            var (sqliteText, postgresText) = TextValue(edit["attribute=".Length..]);
            return IsSqlite
                ? $"UPDATE {table} SET document = json_set(document, '$.attributes.note', json_object('kind', 'Text', 'value', {sqliteText})) {where}"
                : $"UPDATE {table} SET document = jsonb_set(document::jsonb, '{{attributes,note}}', jsonb_build_object('kind', 'Text', 'value', {postgresText}))::text {where}";
        }

        if (!edit.StartsWith("json:", StringComparison.Ordinal))
        {
            return $"UPDATE {table} SET {edit} {where}";
        }

        var (path, value) = (edit[5..edit.IndexOf('=', StringComparison.Ordinal)].Split('.'), edit[(edit.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var isNumber = long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _);
        var (sqlite, postgres) = isNumber ? (value, $"to_jsonb({value})") : TextValue(value) is var (s, p) ? (s, $"to_jsonb({p})") : default;
        return IsSqlite
            ? $"UPDATE {table} SET document = json_set(document, '$.{string.Join('.', path.Select(k => $"\"{k}\""))}', {sqlite}) {where}"
            : $"UPDATE {table} SET document = jsonb_set(document::jsonb, '{{{string.Join(',', path)}}}', {postgres})::text {where}";
    }

    /// <summary>A text value as an SQL expression on SQLite and on PostgreSQL: <c>long</c> (20,000 characters), <c>huge</c> (1,100,000), <c>escape</c> (ESC [2J) or the text itself.</summary>
    private static (string Sqlite, string Postgres) TextValue(string value) => value switch
    {
        Long => ("printf('%.*c', 20000, 'x')", "repeat('x', 20000)"),
        "huge" => ("printf('%.*c', 1100000, 'x')", "repeat('x', 1100000)"),
        "escape" => ("char(27) || '[2J'", "(chr(27) || '[2J')"),
        _ => ($"'{value}'", $"'{value}'::text"),
    };
}
