using Itsm.Core.Application;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.PostgreSql;
using Itsm.Core.Persistence.Tests.Stores;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// PostgreSQL with two roles, as docs/security.md advises: an owner role migrates and owns the
/// tables; the application runs as a role that can only insert into and read the audit log.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRoleSeparationTests(PostgreSqlServer server)
{
    [Fact]
    public async Task ApplicationRole_WorksButCannotRewriteTheAuditLogOrItsTriggers()
    {
        Assert.True(server.ConnectionString is not null, server.Problem);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (owner, application, schema) = ($"itsm_owner_{suffix}", $"itsm_app_{suffix}", $"itsm_roles_{suffix}");
        await ExecuteAsync(server.ConnectionString!, $"CREATE ROLE {owner} LOGIN", $"CREATE ROLE {application} LOGIN", $"CREATE SCHEMA {schema} AUTHORIZATION {owner}");
        var ownerConnection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Username = owner, SearchPath = schema }.ConnectionString;
        var applicationConnection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Username = application, SearchPath = schema }.ConnectionString;

        Assert.Equal(SchemaVersions.All, await PostgreSqlPersistence.MigrateAsync(ownerConnection));
        await PostgreSqlPersistence.GrantApplicationRoleAsync(ownerConnection, application);

        var services = new ServiceCollection();
        services.AddItsmCore().UsePostgreSql(applicationConnection, options => options.ApplyMigrationsOnStartup = false);
        await using var provider = services.BuildServiceProvider();
        var itsm = provider.GetRequiredService<IItsmDispatcher>();
        var context = new RequestContext(TenantId.From("ops"), UserId.From("alice"));
        foreach (var id in new[] { "srv-1", "srv-2" })
        {
            var registered = await itsm.SendAsync(new RegisterConfigurationItem(context, ConfigurationItemId.From(id), ConfigurationItemClass.Server, id));
            Assert.True(registered.IsSuccess, registered.Message);
        }

        foreach (var attack in new[]
        {
            "UPDATE audit_log SET actor = 'mallory'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER USER",
            "DROP TRIGGER audit_log_in_order ON audit_log",
            "DROP TABLE audit_log",
            "CREATE OR REPLACE FUNCTION itsm_audit_log_in_order() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "INSERT INTO itsm_schema_migrations (version, name, applied_at) VALUES (99, 'x', 0)",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(applicationConnection, attack));
            Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege or "42501", $"{attack}: {refused.SqlState} {refused.MessageText}");
        }

        // What the role may do, inserting, is held to the next sequence by the trigger, and a forged
        // record in order does not verify.
        var outOfOrder = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(applicationConnection, Forged(1)));
        Assert.Contains("append-only", outOfOrder.MessageText, StringComparison.Ordinal);
        await ExecuteAsync(applicationConnection, Forged(3));
        var verified = await itsm.QueryAsync(new VerifyAuditLog(context));
        Assert.Equal(3L, verified.Value.FirstProblem?.Sequence);
        Assert.Contains(verified.Value.Problems, p => p is { Sequence: 3, Kind: AuditProblemKind.Altered });
        Assert.Equal(3, verified.Value.RecordsChecked);
    }

    private static string Forged(long sequence) =>
        "INSERT INTO audit_log (tenant, sequence, actor, at, recorded_at, command, outcome, correlation, details, effects, previous_hash, hash) VALUES " +
        $"('ops', {sequence}, 'mallory', 0, 0, 'RetireConfigurationItem', 'Ok', '{Guid.NewGuid()}', '{{}}', '{{\"created\":[],\"writes\":[]}}', '{AuditChain.Genesis}', '{AuditChain.Genesis}')";

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }
}
