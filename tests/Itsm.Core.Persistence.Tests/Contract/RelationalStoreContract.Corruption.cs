using System.Data.Common;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Incidents;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Direct edits of the store from issue 14: each is read back as a typed error naming the table and
/// key, the rest of the tenant stays usable, and <see cref="VerifyStore"/> lists every one.
/// </summary>
public abstract partial class RelationalStoreContract
{
    [Theory]
    [InlineData("UPDATE incidents SET version = -5", "version -5")]
    [InlineData("UPDATE incidents SET version = 0", "version 0")]
    [InlineData("UPDATE incidents SET version = 9223372036854775807", "version 9223372036854775807")]
    [InlineData("UPDATE incidents SET state = 'Closed'", "column state says Closed")]
    [InlineData("UPDATE incidents SET next_breach_at = 1", "column next_breach_at says 1")]
    [InlineData("UPDATE incidents SET priority_rank = 9", "column priority_rank says 9")]
    [InlineData("UPDATE incidents SET document = '{'", "not a valid IncidentSnapshot")]
    [InlineData("UPDATE incidents SET document = 'null'", "not a valid IncidentSnapshot")]
    public async Task Corruption_OfOneIncident_IsATypedErrorNamingIt_AndTheRestStaysUsable(string edit, string expected)
    {
        await DefineSlaAsync(Acme);
        var damaged = await OpenAsync(Acme);
        var healthy = await OpenAsync(Acme);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"{edit} WHERE tenant = '{Acme.Value}' AND id = '{damaged}'"));
        }

        var read = await Itsm.QueryAsync(new GetIncident(As(Acme), damaged));
        var command = await Itsm.SendAsync(new AssignIncident(As(Acme), damaged, UserId.From("bob")));

        foreach (var failed in new IResult[] { read, command })
        {
            Assert.Equal(ResultStatus.Error, failed.Status);
            Assert.Equal(StoredRecordException.ErrorCode, failed.ErrorCode);
            Assert.Contains("incidents", failed.Text(), StringComparison.Ordinal);
            Assert.Contains(damaged.ToString(), failed.Text(), StringComparison.Ordinal);
            Assert.Contains(expected, failed.Text(), StringComparison.Ordinal);
        }

        Assert.True((await Itsm.QueryAsync(new GetIncident(As(Acme), healthy))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new AssignIncident(As(Acme), healthy, UserId.From("bob")))).IsSuccess);
        var verified = await Itsm.QueryAsync(new VerifyStore(As(Acme)));
        var problem = Assert.Single(verified.Value.Problems);
        Assert.Equal(("incidents", $"({Acme.Value}, {damaged})"), (problem.Table, problem.Key));
    }

    [Theory]
    [InlineData("empty", "Its title is empty")]
    [InlineData("long", "Its title has 100000 characters, more than the 500")]
    [InlineData("escape", "Title has the control character U+001B at position 0")]
    [InlineData("opened", "OpenedAt is 9999-12-31T00:00:00Z, outside the supported range")]
    public async Task Corruption_OfAnIncidentsValues_IsRefusedLikeTheInputWouldBe(string edit, string expected)
    {
        await DefineSlaAsync(Acme);
        var damaged = await OpenAsync(Acme);
        var healthy = await OpenAsync(Acme);
        var opened = Relational.Sql.FromInstant(NodaTime.Instant.FromUtc(9999, 12, 31, 0, 0));
        var (title, sqliteValue, postgresValue) = edit switch
        {
            "empty" => ("title", "''", "to_jsonb(''::text)"),
            "long" => ("title", "printf('%.*c', 100000, 'x')", "to_jsonb(repeat('x', 100000))"),
            "escape" => ("title", "char(27) || '[2J'", "to_jsonb(chr(27) || '[2J')"),
            _ => ("openedAt", "'9999-12-31T00:00:00Z'", "to_jsonb('9999-12-31T00:00:00Z'::text)"),
        };
        var sql = IsSqlite
            ? $"UPDATE incidents SET document = json_set(document, '$.{title}', {sqliteValue}{(edit == "opened" ? ", '$.history[0].at', '9999-12-31T00:00:00Z'" : string.Empty)})"
            : $"UPDATE incidents SET document = jsonb_set({(edit == "opened" ? "jsonb_set(document::jsonb, '{history,0,at}', to_jsonb('9999-12-31T00:00:00Z'::text))" : "document::jsonb")}, '{{{title}}}', {postgresValue})::text";
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"{sql}{(edit == "opened" ? $", opened_at = {opened}" : string.Empty)} WHERE tenant = '{Acme.Value}' AND id = '{damaged}'"));
        }

        var read = await Itsm.QueryAsync(new GetIncident(As(Acme), damaged));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (read.Status, read.ErrorCode));
        Assert.Contains($"({Acme.Value}, {damaged}) of incidents", read.Text(), StringComparison.Ordinal);
        Assert.Contains(expected, read.Text(), StringComparison.Ordinal);
        Assert.True((await Itsm.QueryAsync(new GetIncident(As(Acme), healthy))).IsSuccess);
        Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
    }

    [Theory]
    [InlineData("DELETE FROM change_items WHERE tenant = '{0}' AND change_id = '{1}' AND item = 'srv-b'", "[\"srv-a\"]")]
    [InlineData("DELETE FROM change_items WHERE tenant = '{0}' AND change_id = '{1}'", "[]")]
    [InlineData("INSERT INTO change_items (tenant, change_id, item) VALUES ('{0}', '{1}', 'srv-x')", "[\"srv-a\",\"srv-b\",\"srv-x\"]")]
    [InlineData("UPDATE change_items SET item = 'srv-x' WHERE tenant = '{0}' AND change_id = '{1}' AND item = 'srv-b'", "[\"srv-a\",\"srv-x\"]")]
    public async Task Corruption_OfAChangesItemRows_IsATypedErrorNamingIt_AndTheRestStaysUsable(string edit, string stored)
    {
        await RegisterAsync("srv-a");
        await RegisterAsync("srv-b");
        var window = Clock.GetCurrentInstant() + NodaTime.Duration.FromDays(2);
        async Task<ChangeId> RaiseAsync(params string[] items)
        {
            var raised = await Itsm.SendAsync(new RaiseChange(
                As(Acme), ChangeType.Normal, "Patch", [.. items.Select(ConfigurationItemId.From)], new NodaTime.Interval(window, window + NodaTime.Duration.FromHours(1)), new ChangePlans("steps", "tested", "roll back")));
            Assert.True(raised.IsSuccess, raised.Message);
            return raised.Value.Record.Id;
        }

        var damaged = await RaiseAsync("srv-a", "srv-b");
        var healthy = await RaiseAsync("srv-a");
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, string.Format(System.Globalization.CultureInfo.InvariantCulture, edit, Acme.Value, damaged)));
        }

        var read = await Itsm.QueryAsync(new GetChange(As(Acme), damaged));
        var affecting = await Itsm.QueryAsync(new ListChanges(As(Acme), new ChangesByWindowStart(items: [ConfigurationItemId.From("srv-a")])));
        var command = await Itsm.SendAsync(new SubmitChange(As(Acme), damaged));

        // An item query finds the change through its item rows: with all of them deleted it cannot see the
        // change at all (so cannot refuse it); the change's own reads and VerifyStore still do.
        var seenByItemQuery = stored.Contains("srv-a", StringComparison.Ordinal);
        Assert.Equal(seenByItemQuery ? ResultStatus.Error : ResultStatus.Ok, affecting.Status);
        foreach (var failed in seenByItemQuery ? new IResult[] { read, affecting, command } : [read, command])
        {
            Assert.Equal(ResultStatus.Error, failed.Status);
            Assert.Equal(StoredRecordException.ErrorCode, failed.ErrorCode);
            Assert.Contains($"({Acme.Value}, {damaged}) of changes", failed.Text(), StringComparison.Ordinal);
            Assert.Contains($"its rows in change_items say {stored} but its document says [\"srv-a\",\"srv-b\"]", failed.Text(), StringComparison.Ordinal);
        }

        Assert.Equal(["srv-a"], (await Itsm.QueryAsync(new GetChange(As(Acme), healthy))).Value.Record.AffectedItems.Select(i => i.Value));
        Assert.True((await Itsm.SendAsync(new SubmitChange(As(Acme), healthy))).IsSuccess);
        var problem = Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
        Assert.Equal(("changes", $"({Acme.Value}, {damaged})"), (problem.Table, problem.Key));
    }

    [Fact]
    public async Task Corruption_SwappedDocuments_AreFound()
    {
        var first = await OpenAsync(Acme);
        var second = await OpenAsync(Acme);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE incidents SET document = (SELECT document FROM incidents WHERE tenant = '{Acme.Value}' AND id = '{second}') WHERE tenant = '{Acme.Value}' AND id = '{first}'"));
        }

        var read = await Itsm.QueryAsync(new GetIncident(As(Acme), first));

        Assert.Equal(StoredRecordException.ErrorCode, read.ErrorCode);
        Assert.Contains($"its document is the record '{second}'", read.Text(), StringComparison.Ordinal);
        Assert.Equal(second, (await Itsm.QueryAsync(new GetIncident(As(Acme), second))).Value.Record.Id);
    }

    [Fact]
    public async Task Corruption_StateColumn_DoesNotListTheIncidentUnderTheWrongState()
    {
        var id = await OpenAsync(Acme);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE incidents SET state = 'Closed' WHERE tenant = '{Acme.Value}' AND id = '{id}'"));
        }

        var listed = await Itsm.QueryAsync(new ListIncidents(As(Acme)) { States = [IncidentState.Closed] });

        Assert.Equal(ResultStatus.Error, listed.Status);
        Assert.Contains(id.ToString(), listed.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyStore_AllTenants_ReportsEveryInconsistentRecordAndEveryBrokenAuditLink()
    {
        var acme = await OpenAsync(Acme);
        var globex = await OpenAsync(Globex);
        await OpenAsync(Globex);
        Assert.True((await Itsm.QueryAsync(new VerifyStore(As(Acme), AllTenants: true))).Value.IsConsistent);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE incidents SET version = -1 WHERE id IN ('{acme}', '{globex}')"));
            await DisableTriggersAsync(connection);
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE audit_log SET actor = 'mallory' WHERE tenant = '{Globex.Value}' AND sequence = 1"));
        }

        var verified = await Itsm.QueryAsync(new VerifyStore(As(Acme), AllTenants: true));

        Assert.False(verified.Value.IsConsistent);
        Assert.Contains(verified.Value.Problems, p => p.Tenant == Acme && p.Table == "incidents" && p.Key.Contains(acme.ToString(), StringComparison.Ordinal));
        Assert.Contains(verified.Value.Problems, p => p.Tenant == Globex && p.Table == "incidents" && p.Key.Contains(globex.ToString(), StringComparison.Ordinal));
        Assert.Contains(verified.Value.Problems, p => p.Tenant == Globex && p.Table == "audit_log" && p.Key == $"({Globex.Value}, 1)");
        Assert.Equal(3, verified.Value.Problems.Length);
        Assert.Contains(Acme, verified.Value.Tenants);
        Assert.Contains(Globex, verified.Value.Tenants);
    }
}

/// <summary>The message of a failed result, its errors joined.</summary>
internal static class FailedResultText
{
    public static string Text(this IResult result) => string.Join(" ", result.Errors.Concat(result.ValidationErrors.Select(e => e.ErrorMessage)));
}
