using System.Data.Common;
using Itsm.Core.Application;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Changes;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Tests.Stores;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// What only a database store must guarantee, checked with raw SQL beside the ports: the schema
/// migrations, the append-only audit log, durability across processes.
/// </summary>
public abstract partial class RelationalStoreContract(StoreUnderTest store) : StoreContract(store)
{
    private async Task RegisterAsync(string id)
    {
        var registered = await Itsm.SendAsync(new RegisterConfigurationItem(new RequestContext(Acme, UserId.From("alice")), ConfigurationItemId.From(id), ConfigurationItemClass.Server, id));
        Assert.True(registered.IsSuccess, registered.Message);
    }

    private static async Task<Exception?> TryExecuteAsync(DbConnection connection, string sql)
    {
        try
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }

            return null;
        }
        catch (DbException exception)
        {
            return exception;
        }
    }

    [Fact]
    public async Task AuditLog_RejectsUpdateAndDelete()
    {
        await RegisterAsync("srv-1");
        await using var connection = Store.OpenRaw();

        var update = await TryExecuteAsync(connection, "UPDATE audit_log SET details = 'nothing happened'");
        var delete = await TryExecuteAsync(connection, "DELETE FROM audit_log");

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
        var audit = await WithAsync<IAuditLog, IReadOnlyList<AuditRecord>>(log => log.ListAsync(Acme, 0, 10, CancellationToken.None));
        Assert.Equal("RegisterConfigurationItem", Assert.Single(audit).Command);
        Assert.DoesNotContain("nothing happened", audit[0].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations_AreIdempotentAndRecorded()
    {
        await RegisterAsync("srv-1"); // the first use applied them

        var again = await Store.MigrateAsync();

        Assert.Empty(again);
        await using var connection = Store.OpenRaw();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM itsm_schema_migrations";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var migrations = Relational.Schema.Migrations.For(Provider.GetRequiredService<Relational.SqlDialect>());
        Assert.Equal((long)migrations.Count, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(migrations[^1].Version, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("change_authorities", "UPDATE change_authorities SET authority = 'Wizard'", "bob)")]
    [InlineData("maintenance_windows", "UPDATE maintenance_windows SET calendar = ' padded'", "svc-email")]
    [InlineData("blackouts", "UPDATE blackouts SET window_end = window_start", "window")]
    [InlineData("blackouts", "UPDATE blackouts SET window_start = 'yesterday'", "window_start")]
    [InlineData("change_templates", "UPDATE change_templates SET implementation_plan = '  '", "os-patch")]
    [InlineData("change_templates", "UPDATE change_templates SET retired_by = 'bob'", "os-patch")]
    public async Task ReferenceData_CorruptedRow_IsADataFaultNamingTheRow(string table, string corruption, string named)
    {
        var bob = new RequestContext(Acme, UserId.From("bob"));
        await RegisterAsync("svc-email");
        Assert.True((await Itsm.SendAsync(new GrantChangeAuthority(bob, bob.Actor, ChangeAuthority.ChangeManager))).IsSuccess);
        var calendar = BusinessCalendarDefinition.Create("nights", "UTC", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Sunday] = [WorkingRange.WholeDay] }).Value;
        Assert.True((await Itsm.SendAsync(new DefineCalendar(bob, CalendarId.From("nights"), calendar))).IsSuccess);
        var service = ConfigurationItemId.From("svc-email");
        Assert.True((await Itsm.SendAsync(new DefineMaintenanceWindow(bob, service, CalendarId.From("nights")))).IsSuccess);
        var at = Instant.FromUtc(2026, 6, 1, 0, 0);
        Assert.True((await Itsm.SendAsync(new DeclareBlackout(bob, service, new Interval(at, at + Duration.FromDays(1)), "freeze"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new DefineStandardChangeTemplate(bob, StandardChangeTemplateId.From("os-patch"), "Patch", new ChangePlans("patch")))).IsSuccess);

        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, corruption));
        }

        async Task<IResult> Read() => table switch
        {
            "change_authorities" => await Itsm.QueryAsync(new ListChangeAuthorities(bob)),
            "maintenance_windows" => await Itsm.QueryAsync(new ListMaintenanceWindows(bob)),
            "blackouts" => await Itsm.QueryAsync(new ListBlackouts(bob)),
            _ => await Itsm.QueryAsync(new ListStandardChangeTemplates(bob)),
        };

        var fault = await Read();
        Assert.Equal(ResultStatus.Error, fault.Status);
        Assert.Equal(StoredRecordException.ErrorCode, fault.ErrorCode);
        Assert.Contains(table, fault.Message, StringComparison.Ordinal);
        Assert.Contains(named, fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_SurviveAnotherProcessOverTheSameStore()
    {
        await RegisterAsync("srv-durable");
        Provider.Dispose();

        var later = Build();
        using var scope = later.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IConfigurationItemRepository>().GetAsync(Acme, ConfigurationItemId.From("srv-durable"), CancellationToken.None);
        var audit = await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Acme, 0, 10, CancellationToken.None);

        Assert.Equal("srv-durable", stored?.Record.Name);
        Assert.Single(audit);
    }
}

/// <summary>Migrations ahead of time: a store that must not migrate at start-up.</summary>
public abstract class AheadOfTimeMigrationContract(StoreUnderTest store) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        store.Delete();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task WithoutStartupMigrations_FirstUseSaysHowToMigrate_ThenWorksOnceMigrated()
    {
        var services = new ServiceCollection();
        store.Use(services.AddItsmCore(), options => options.ApplyMigrationsOnStartup = false);
        await using var provider = services.BuildServiceProvider();
        var itsm = provider.GetRequiredService<IItsmDispatcher>();
        var context = new RequestContext(TenantId.From("ops"), UserId.From("alice"));
        var command = new RegisterConfigurationItem(context, ConfigurationItemId.From("srv-1"), ConfigurationItemClass.Server, "srv-1");

        var refused = await itsm.SendAsync(command);
        Assert.Equal((ResultStatus.Error, "store.schema-behind"), (refused.Status, refused.ErrorCode));
        Assert.Contains("schema version 0", refused.Message, StringComparison.Ordinal);
        Assert.Contains("MigrateAsync", refused.Message, StringComparison.Ordinal);

        Assert.Equal(SchemaVersions.All, await store.MigrateAsync());
        await using var migrated = new ServiceCollection().Also(s => store.Use(s.AddItsmCore(), o => o.ApplyMigrationsOnStartup = false)).BuildServiceProvider();
        var accepted = await migrated.GetRequiredService<IItsmDispatcher>().SendAsync(command);
        Assert.True(accepted.IsSuccess, accepted.Message);
    }

    [Fact]
    public async Task AStoreMigratedByANewerLibrary_IsATypedRefusal_ThroughTheDispatcherAndMigrate()
    {
        await store.MigrateAsync();
        await using (var connection = store.OpenRaw())
        {
            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = "INSERT INTO itsm_schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)";
                await command.ExecuteNonQueryAsync();
            }
        }

        var services = new ServiceCollection();
        store.Use(services.AddItsmCore());
        await using var provider = services.BuildServiceProvider();
        var context = new RequestContext(TenantId.From("ops"), UserId.From("alice"));

        var refused = await provider.GetRequiredService<IItsmDispatcher>().QueryAsync(new ListConfigurationItems(context));
        var migrate = await Assert.ThrowsAsync<StoreRefusedException>(store.MigrateAsync);

        Assert.Equal((ResultStatus.Error, "store.schema-newer"), (refused.Status, refused.ErrorCode));
        Assert.Contains("schema version 99", refused.Message, StringComparison.Ordinal);
        Assert.Equal("store.schema-newer", migrate.ErrorCode);
    }
}

/// <summary>Application servers starting together: each migration is applied exactly once.</summary>
public abstract class ConcurrentMigrationContract(StoreUnderTest store) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        store.Delete();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ConcurrentMigrators_ApplyEachMigrationOnce()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(store.MigrateAsync)));

        Assert.Equal(SchemaVersions.All, runs.SelectMany(applied => applied).Order());
        Assert.All(runs.Where(applied => applied.Count == 0), Assert.Empty);
    }
}

internal static class ServiceCollectionTestExtensions
{
    public static IServiceCollection Also(this IServiceCollection services, Action<IServiceCollection> configure)
    {
        configure(services);
        return services;
    }
}
