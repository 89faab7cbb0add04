using System.Globalization;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational;
using Itsm.Core.Persistence.Relational.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Stores written before the audit chain existed (schema version 1, no stored hashes): upgraded in
/// place, their records are chained in memory and sealed by the first record appended after the
/// upgrade, so an edit of one of them, or an unchained record slipped in later, is still found.
/// </summary>
public abstract partial class RelationalStoreContract
{
    private const int LegacyRecords = 3;

    [Fact]
    public async Task LegacyAudit_Version1Records_AreChainedByTheFirstAppendAfterTheUpgrade_AndVerify()
    {
        await CreateVersion1StoreAsync();
        var legacyActors = new[] { "ann", "ben", "cat" };

        await RegisterAsync("srv-after-upgrade");
        await RegisterAsync("srv-later");

        var audit = await AuditLogAsync();
        Assert.Equal([1L, 2, 3, 4, 5], audit.Select(r => r.Sequence));
        Assert.Equal(legacyActors, audit.Take(LegacyRecords).Select(r => r.Actor.Value));
        Assert.All(audit.Take(LegacyRecords), r => Assert.Equal((string.Empty, string.Empty, r.OccurredAt), (r.Hash, r.PreviousHash, r.RecordedAt)));
        var chain = Provider.GetRequiredService<AuditChain>();
        Assert.Equal(chain.ChainLegacy(audit.Take(LegacyRecords)).Hash, audit[LegacyRecords].PreviousHash);
        Assert.Equal(audit[LegacyRecords].Hash, audit[LegacyRecords + 1].PreviousHash);
        var verified = await VerifyAsync();
        Assert.True(verified.IsIntact, string.Join("; ", verified.Problems));
        Assert.Equal((5L, 5L, audit[^1].Hash), (verified.RecordsChecked, verified.Head.Sequence, verified.Head.Hash));
        Assert.Equal(Migrations.For(Provider.GetRequiredService<SqlDialect>())[^1].Version, await SchemaVersionAsync());
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'mallory' WHERE tenant = '{0}' AND sequence = 2")]
    [InlineData("UPDATE audit_log SET details = '{{\"forged\": true}}' WHERE tenant = '{0}' AND sequence = 1")]
    [InlineData("DELETE FROM audit_log WHERE tenant = '{0}' AND sequence = 3")]
    public async Task LegacyAudit_AnEditOfAVersion1RecordAfterTheUpgrade_BreaksTheFirstChainedLink(string edit)
    {
        await CreateVersion1StoreAsync();
        await RegisterAsync("srv-after-upgrade");
        Assert.True((await VerifyAsync()).IsIntact);
        await using (var connection = Store.OpenRaw())
        {
            await DisableTriggersAsync(connection);
            Assert.Null(await TryExecuteAsync(connection, string.Format(CultureInfo.InvariantCulture, edit, Acme.Value)));
        }

        var verified = await VerifyAsync();

        Assert.False(verified.IsIntact);
        Assert.Contains(verified.Problems, p => p.Sequence == LegacyRecords + 1 && p.Kind == AuditProblemKind.BrokenLink);
    }

    [Fact]
    public async Task LegacyAudit_AnUnchainedRecordAfterChainedOnes_IsForged()
    {
        await CreateVersion1StoreAsync();
        await RegisterAsync("srv-after-upgrade");
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, LegacyRowSql(LegacyRecords + 2, "mallory")));
        }

        var verified = await VerifyAsync();

        Assert.False(verified.IsIntact);
        Assert.Equal(AuditProblemKind.Forged, Assert.Single(verified.Problems, p => p.Sequence == LegacyRecords + 2 && p.Kind != AuditProblemKind.OutOfOrder).Kind);
    }

    /// <summary>
    /// Makes the store what migration 1 made (the tables, the append-only triggers, the migration
    /// history at version 1) and writes <see cref="LegacyRecords"/> audit records of Acme the way
    /// version 1 wrote them: no recorded instant, effects or hashes.
    /// </summary>
    private async Task CreateVersion1StoreAsync()
    {
        var dialect = Provider.GetRequiredService<SqlDialect>();
        var first = Migrations.For(dialect)[0];
        Assert.Equal(1, first.Version);
        await using var connection = Store.OpenRaw();
        foreach (var statement in first.Statements)
        {
            Assert.Null(await TryExecuteAsync(connection, statement));
        }

        Assert.Null(await TryExecuteAsync(connection, "CREATE TABLE itsm_schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
        Assert.Null(await TryExecuteAsync(connection, $"INSERT INTO itsm_schema_migrations (version, name, applied_at) VALUES (1, '{first.Name}', 0)"));
        string[] actors = ["ann", "ben", "cat"];
        for (var sequence = 1; sequence <= LegacyRecords; sequence++)
        {
            Clock.AdvanceMinutes(1);
            Assert.Null(await TryExecuteAsync(connection, LegacyRowSql(sequence, actors[sequence - 1])));
        }

        Assert.Null(await TryExecuteAsync(connection, $"INSERT INTO audit_sequences (tenant, last_sequence) VALUES ('{Acme.Value}', {LegacyRecords})"));
    }

    private string LegacyRowSql(long sequence, string actor) =>
        "INSERT INTO audit_log (tenant, sequence, actor, at, command, outcome, correlation, details) VALUES " +
        $"('{Acme.Value}', {sequence.ToString(CultureInfo.InvariantCulture)}, '{actor}', {Sql.FromInstant(Clock.GetCurrentInstant())}, " +
        $"'RegisterConfigurationItem', 'Ok', '{CorrelationId.New()}', '{{\"id\":\"srv-legacy-{sequence.ToString(CultureInfo.InvariantCulture)}\"}}')";

    private async Task<long> SchemaVersionAsync()
    {
        await using var connection = Store.OpenRaw();
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = "SELECT MAX(version) FROM itsm_schema_migrations";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
    }
}
