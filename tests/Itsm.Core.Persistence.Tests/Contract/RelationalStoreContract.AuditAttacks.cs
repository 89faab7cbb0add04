using System.Data.Common;
using System.Globalization;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Each attack on the audit log from issue 14, with raw SQL beside the ports: what the triggers
/// refuse, and what the chain finds when a database owner goes around them.
/// </summary>
public abstract partial class RelationalStoreContract
{
    private bool IsSqlite => Store.Name == "SQLite";

    [Fact]
    public async Task AuditAttack_ReplaceOfAnExistingRecord_IsRefused()
    {
        await RegisterManyAsync(3);
        await using var connection = Store.OpenRaw();
        var row = RowSql(sequence: 1, actor: "mallory", hash: AuditChain.Genesis);

        var attempts = IsSqlite
            ? new[] { $"INSERT OR REPLACE INTO audit_log {row}", $"REPLACE INTO audit_log {row}" }
            : [$"INSERT INTO audit_log {row} ON CONFLICT (tenant, sequence) DO UPDATE SET actor = 'mallory'"];
        foreach (var attempt in attempts)
        {
            var refused = await TryExecuteAsync(connection, attempt);
            Assert.Contains("append-only", refused?.Message, StringComparison.Ordinal);
        }

        var audit = await AuditLogAsync();
        Assert.Equal("alice", audit[0].Actor.Value);
        Assert.True((await VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task AuditAttack_ForgedAppendOutOfOrder_IsRefused()
    {
        await RegisterManyAsync(2);
        await using var connection = Store.OpenRaw();

        foreach (var sequence in new long[] { 1, 2, 5, 0, -1, long.MaxValue })
        {
            var refused = await TryExecuteAsync(connection, $"INSERT INTO audit_log {RowSql(sequence, "mallory", AuditChain.Genesis)}");
            Assert.NotNull(refused);
        }

        Assert.Equal(2, (await AuditLogAsync()).Count);
    }

    [Fact]
    public async Task AuditAttack_ForgedAppendInOrder_IsFoundEvenWithAPlainSha256()
    {
        await RegisterManyAsync(2);
        var audit = await AuditLogAsync();
        await using var connection = Store.OpenRaw();

        // The forger knows the format and the head but not the application's key: a plain SHA-256 chain link.
        var forged = new AuditChain(new NodaTime.Testing.FakeClock(audit[^1].RecordedAt))
            .Seal(new AuditEntry(new RequestContext(Acme, UserId.From("mallory")), audit[^1].RecordedAt, "RetireConfigurationItem", ResultStatus.Ok, "{}", [], []), new AuditCheckpoint(2, audit[^1].Hash), audit[^1].RecordedAt);
        Assert.Null(await TryExecuteAsync(connection, $"INSERT INTO audit_log {RowSql(3, "mallory", forged.Hash, audit[^1].Hash, forged.RecordedAt, forged.Correlation)}"));

        var stored = (await AuditLogAsync())[^1];
        Assert.Equal(forged.Hash, new AuditChain(SystemClock.Instance).HashOf(stored)); // it would pass an unkeyed chain
        var verified = await VerifyAsync();
        Assert.Equal(3, verified.FirstProblem?.Sequence);
        Assert.Equal(AuditProblemKind.Altered, verified.FirstProblem?.Kind);

        // And the next real command still appends after it, without a unique-constraint error.
        await RegisterAsync("srv-after");
        Assert.Equal([1L, 2, 3, 4], (await AuditLogAsync()).Select(r => r.Sequence));
    }

    [Fact]
    public async Task AuditAttack_UpdateAndDelete_AreRefused()
    {
        await RegisterManyAsync(2);
        await using var connection = Store.OpenRaw();

        Assert.Contains("append-only", (await TryExecuteAsync(connection, "UPDATE audit_log SET actor = 'mallory' WHERE sequence = 1"))?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", (await TryExecuteAsync(connection, "DELETE FROM audit_log WHERE sequence = 2"))?.Message, StringComparison.Ordinal);
        Assert.True((await VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task AuditAttack_OwnerDisablesTheTriggersAndEdits_IsFound()
    {
        await RegisterManyAsync(4);
        await using var connection = Store.OpenRaw();
        await DisableTriggersAsync(connection);

        Assert.Null(await TryExecuteAsync(connection, $"UPDATE audit_log SET actor = 'mallory' WHERE tenant = '{Acme.Value}' AND sequence = 2"));

        var verified = await VerifyAsync();
        Assert.Equal((2L, AuditProblemKind.Altered), (verified.FirstProblem!.Sequence, verified.FirstProblem.Kind));
        Assert.Single(verified.Problems);
    }

    [Fact]
    public async Task AuditAttack_OwnerRewritesARecordWithItsHash_IsFoundAtTheNextLink()
    {
        await RegisterManyAsync(4);
        var audit = await AuditLogAsync();
        await using var connection = Store.OpenRaw();
        await DisableTriggersAsync(connection);
        var rewritten = audit[1] with { Actor = UserId.From("mallory") };
        var plain = new AuditChain(SystemClock.Instance).HashOf(rewritten);

        Assert.Null(await TryExecuteAsync(connection, $"UPDATE audit_log SET actor = 'mallory', hash = '{plain}' WHERE tenant = '{Acme.Value}' AND sequence = 2"));

        var verified = await VerifyAsync();
        Assert.Equal([2L, 3L], verified.Problems.Select(p => p.Sequence));
        Assert.Equal([AuditProblemKind.Altered, AuditProblemKind.BrokenLink], verified.Problems.Select(p => p.Kind));
    }

    [Fact]
    public async Task AuditAttack_OwnerDeletesARecord_IsFound()
    {
        await RegisterManyAsync(4);
        await using var connection = Store.OpenRaw();
        await DisableTriggersAsync(connection);

        Assert.Null(await TryExecuteAsync(connection, $"DELETE FROM audit_log WHERE tenant = '{Acme.Value}' AND sequence = 2"));

        var verified = await VerifyAsync();
        Assert.Equal((2L, AuditProblemKind.Missing), (verified.FirstProblem!.Sequence, verified.FirstProblem.Kind));
        Assert.Contains(verified.Problems, p => p is { Sequence: 3, Kind: AuditProblemKind.BrokenLink });
    }

    [Fact]
    public async Task AuditAttack_OwnerCutsOffTheEnd_IsFoundAgainstACheckpoint()
    {
        await RegisterManyAsync(3);
        var checkpoint = (await VerifyAsync()).Head;
        await using var connection = Store.OpenRaw();
        await DisableTriggersAsync(connection);

        Assert.Null(await TryExecuteAsync(connection, $"DELETE FROM audit_log WHERE tenant = '{Acme.Value}' AND sequence = 3"));

        var verified = await Itsm.QueryAsync(new VerifyAuditLog(new RequestContext(Acme, UserId.From("auditor")), checkpoint));
        Assert.Equal(AuditProblemKind.CheckpointMismatch, verified.Value.FirstProblem?.Kind);
    }

    [Fact]
    public async Task AuditAttack_OwnerSwapsTwoRecords_IsFound()
    {
        await RegisterManyAsync(4);
        await using var connection = Store.OpenRaw();
        await DisableTriggersAsync(connection);
        var tenant = Acme.Value;

        Assert.Null(await TryExecuteAsync(connection, $"UPDATE audit_log SET sequence = -2 WHERE tenant = '{tenant}' AND sequence = 2"));
        Assert.Null(await TryExecuteAsync(connection, $"UPDATE audit_log SET sequence = 2 WHERE tenant = '{tenant}' AND sequence = 3"));
        Assert.Null(await TryExecuteAsync(connection, $"UPDATE audit_log SET sequence = 3 WHERE tenant = '{tenant}' AND sequence = -2"));

        var verified = await VerifyAsync();
        Assert.Equal(2L, verified.FirstProblem?.Sequence);
        Assert.Contains(verified.Problems, p => p.Kind is AuditProblemKind.Altered or AuditProblemKind.BrokenLink);
    }

    [Fact]
    public async Task AuditAttack_LoweredCounter_DoesNotBreakLaterWrites()
    {
        await RegisterManyAsync(3);
        await using var connection = Store.OpenRaw();

        Assert.Null(await TryExecuteAsync(connection, $"UPDATE audit_sequences SET last_sequence = 1 WHERE tenant = '{Acme.Value}'"));
        await RegisterAsync("srv-next");
        Assert.Null(await TryExecuteAsync(connection, $"UPDATE audit_sequences SET last_sequence = 1000 WHERE tenant = '{Acme.Value}'"));
        await RegisterAsync("srv-last");

        Assert.Equal([1L, 2, 3, 4, 5], (await AuditLogAsync()).Select(r => r.Sequence));
        Assert.True((await VerifyAsync()).IsIntact);
    }

    private async Task RegisterManyAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Clock.AdvanceMinutes(1);
            RecordingClock.AdvanceMinutes(1);
            await RegisterAsync($"srv-{i}");
        }
    }

    private Task<IReadOnlyList<AuditRecord>> AuditLogAsync() =>
        WithAsync<IAuditLog, IReadOnlyList<AuditRecord>>(log => log.ListAsync(Acme, 0, 1000, CancellationToken.None));

    private async Task<AuditLogVerification> VerifyAsync()
    {
        var verified = await Itsm.QueryAsync(new VerifyAuditLog(new RequestContext(Acme, UserId.From("auditor"))));
        Assert.True(verified.IsSuccess, verified.Message);
        return verified.Value;
    }

    private async Task DisableTriggersAsync(DbConnection connection)
    {
        var statements = IsSqlite
            ? new[] { "DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete", "DROP TRIGGER audit_log_in_order" }
            : ["ALTER TABLE audit_log DISABLE TRIGGER USER"];
        foreach (var statement in statements)
        {
            Assert.Null(await TryExecuteAsync(connection, statement));
        }
    }

    private string RowSql(long sequence, string actor, string hash, string? previous = null, Instant? recorded = null, CorrelationId? correlation = null)
    {
        var at = Relational.Sql.FromInstant(recorded ?? Clock.GetCurrentInstant());
        return "(tenant, sequence, actor, at, recorded_at, command, outcome, correlation, details, effects, previous_hash, hash) VALUES " +
            $"('{Acme.Value}', {sequence.ToString(CultureInfo.InvariantCulture)}, '{actor}', {at}, {at}, 'RetireConfigurationItem', 'Ok', " +
            $"'{(correlation ?? CorrelationId.New())}', '{{}}', '{{\"created\":[],\"writes\":[]}}', '{previous ?? AuditChain.Genesis}', '{hash}')";
    }
}
