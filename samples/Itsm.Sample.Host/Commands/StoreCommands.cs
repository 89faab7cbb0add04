using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.PostgreSql;
using Itsm.Core.Persistence.Sqlite;
using Itsm.Core.ServiceLevels;
using Itsm.Sample.Host.Io;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm store</c>: the record store itself. <c>migrate</c> applies the schema migrations ahead of
/// time (as a deployment step would); <c>throughput</c> measures incident commands and a bulk CMDB
/// import on the selected engine (the embedded SQLite file, or PostgreSQL with <c>--postgres</c>).
/// </summary>
internal static class StoreCommands
{
    /// <summary>Creates the <c>store</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var store = new Command("store", "The record store: apply migrations, measure throughput (SQLite by default, PostgreSQL with --postgres).");
        store.Subcommands.Add(CreateMigrate());
        store.Subcommands.Add(CreateThroughput());
        store.Subcommands.Add(CreateVerify());
        return store;
    }

    private static Command CreateVerify()
    {
        var all = new Option<bool>("--all") { Description = "Scan every tenant of the store instead of --tenant alone (for the store's operators)." };
        var command = new Command(
            "verify",
            "Reads every record of the tenant (or of the whole store with --all) through the library's read-back validation, verifies the audit log's hash chain, " +
            "and lists every inconsistent record and every broken audit link. Exits 0 when the store is consistent, 6 when anything is wrong." +
            "\n\nExample:\n  itsm store verify --all");
        command.Options.Add(HostOptions.Tenant);
        command.Options.Add(all);
        command.Options.Add(HostOptions.Json);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, async () =>
        {
            await using var provider = HostStore.CreateServices(parseResult, SystemClock.Instance);
            var itsm = provider.GetRequiredService<IItsmDispatcher>();
            var context = new RequestContext(parseResult.GetValue(HostOptions.Tenant), UserId.From("store-verify"));
            var verified = Require(await itsm.QueryAsync(new Itsm.Core.Application.Auditing.VerifyStore(context, parseResult.GetValue(all)), cancellationToken).ConfigureAwait(false));
            var output = parseResult.InvocationConfiguration.Output;
            JsonOutput.Answer(
                parseResult,
                output,
                () => new StoreVerifyDocument(verified.IsConsistent, [.. verified.Problems.Select(p => new StoreProblemDocument(p.Tenant.Value, p.ToString()))], verified.ToString()),
                () =>
                {
                    foreach (var problem in verified.Problems)
                    {
                        output.WriteLine(SafeText.Escape($"{problem.Tenant} {problem}"));
                    }

                    output.WriteLine(SafeText.Escape(verified.ToString()));
                });
            return verified.IsConsistent ? ExitCodes.Ok : ExitCodes.Inconsistent;
        }));
        return command;
    }

    private static Command CreateMigrate()
    {
        var command = new Command("migrate", "Applies the schema migrations the store lacks; prints what it applied.\n\nExample:\n  itsm store migrate --postgres \"Host=db;Database=itsm;Username=itsm\"");
        command.Options.Add(HostOptions.Json);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, async () =>
        {
            var postgres = HostStore.PostgresConnectionString(parseResult);
            var applied = postgres is { Length: > 0 }
                ? await PostgreSqlPersistence.MigrateAsync(postgres, cancellationToken).ConfigureAwait(false)
                : await SqlitePersistence.MigrateAsync(HostStore.WritableDatabasePath(parseResult), cancellationToken).ConfigureAwait(false);
            var where = postgres is { Length: > 0 } ? "PostgreSQL" : HostStore.DatabasePath(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            return JsonOutput.Answer(
                parseResult,
                output,
                () => new StoreMigrateDocument(where, applied),
                () => output.WriteLine(applied.Count == 0
                    ? $"{where}: up to date, nothing applied."
                    : $"{where}: applied migration(s) {string.Join(", ", applied)}."));
        }));
        return command;
    }

    private static Command CreateThroughput()
    {
        var incidents = new Option<int>("--incidents") { Description = "Incidents to open, assign and resolve (three commands each).", DefaultValueFactory = _ => 1000 };
        var items = new Option<int>("--items") { Description = "Configuration items to import in one ImportConfiguration command (one relationship each).", DefaultValueFactory = _ => 100_000 };
        var command = new Command(
            "throughput",
            "Measures OpenIncident, AssignIncident and ResolveIncident commands per second and a bulk CMDB import, each through the full pipeline (validation, transaction, audit), in a tenant of its own." +
            "\n\nExample:\n  itsm store throughput --incidents 2000 --items 100000");
        command.Options.Add(incidents);
        command.Options.Add(items);
        command.Options.Add(HostOptions.Json);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, async () =>
        {
            var incidentCount = parseResult.GetValue(incidents);
            var itemCount = parseResult.GetValue(items);
            if (incidentCount < 1 || itemCount < 2)
            {
                throw new InputException("--incidents must be at least 1 and --items at least 2.");
            }

            await using var provider = HostStore.CreateServices(parseResult, SystemClock.Instance);
            var itsm = provider.GetRequiredService<IItsmDispatcher>();
            var context = new RequestContext(TenantId.From("throughput-" + Guid.NewGuid().ToString("N")[..8]), UserId.From("throughput"));
            var engine = parseResult.GetValue(HostOptions.Postgres) is { Length: > 0 } ? "PostgreSQL" : "SQLite " + HostStore.DatabasePath(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            var json = parseResult.GetValue(HostOptions.Json);
            if (!json)
            {
                output.WriteLine($"store: {engine}; tenant {context.Tenant}");
            }

            var service = ConfigurationItemId.From("svc-throughput");
            await DefineSlaAsync(itsm, context, service, cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < incidentCount; i++)
            {
                var opened = Require(await itsm.SendAsync(new OpenIncident(context, $"throughput {i}", service, 1 + (i % 3), 1 + (i % 2), context.Actor), cancellationToken).ConfigureAwait(false)).Record.Id;
                Require(await itsm.SendAsync(new AssignIncident(context, opened, context.Actor), cancellationToken).ConfigureAwait(false));
                Require(await itsm.SendAsync(new ResolveIncident(context, opened, "measured"), cancellationToken).ConfigureAwait(false));
            }

            var incidentTime = watch.Elapsed;
            var imported = Enumerable.Range(0, itemCount)
                .Select(i => new ImportedItem(ConfigurationItemId.From($"ci-{i:000000}"), i == 0 ? ConfigurationItemClass.BusinessService : ConfigurationItemClass.VirtualMachine, $"ci {i}"))
                .ToList();
            var edges = Enumerable.Range(1, itemCount - 1)
                .Select(i => Relationship.Create(imported[(i - 1) / 4].Id, imported[i].Id, RelationshipType.DependsOn).Value)
                .ToList();
            watch.Restart();
            Require(await itsm.SendAsync(new ImportConfiguration(context, imported, edges), cancellationToken).ConfigureAwait(false));
            var importTime = watch.Elapsed;

            var commands = 3 * incidentCount;
            if (json)
            {
                JsonOutput.Write(output, new StoreThroughputDocument(
                    engine, context.Tenant.Value, commands, incidentTime.TotalSeconds, commands / incidentTime.TotalSeconds, incidentTime.TotalMilliseconds / commands,
                    itemCount, edges.Count, importTime.TotalSeconds, itemCount / importTime.TotalSeconds));
                return ExitCodes.Ok;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open+assign+resolve: {3 * incidentCount} commands in {incidentTime.TotalSeconds:0.00} s = {3 * incidentCount / incidentTime.TotalSeconds:0} commands/s ({incidentTime.TotalMilliseconds / (3 * incidentCount):0.00} ms each)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: {itemCount} items + {edges.Count} relationships in {importTime.TotalSeconds:0.00} s = {itemCount / importTime.TotalSeconds:0} items/s"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task DefineSlaAsync(IItsmDispatcher itsm, RequestContext context, ConfigurationItemId service, CancellationToken cancellationToken)
    {
        var allDay = new[] { WorkingRange.WholeDay };
        var week = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)allDay);
        var calendar = BusinessCalendarDefinition.Create("24x7", "UTC", week);
        RequireOk(calendar);
        Require(await itsm.SendAsync(new DefineCalendar(context, CalendarId.From("24x7"), calendar.Value), cancellationToken).ConfigureAwait(false));
        var targets = Enumerable.Range(1, 5).ToDictionary(p => p, p => new SlaTargets(Duration.FromHours(p), Duration.FromHours(4 * p)));
        var sla = SlaDefinition.Create(SlaDefinitionId.From("throughput"), "Throughput", new SlaScope(service), CalendarId.From("24x7"), targets);
        RequireOk(sla);
        Require(await itsm.SendAsync(new DefineSla(context, sla.Value), cancellationToken).ConfigureAwait(false));
    }

    private static void RequireOk(IResult result)
    {
        if (result.IsSuccess)
        {
            return;
        }

        var message = string.Join("; ", result.ErrorMessages.DefaultIfEmpty(result.Status.ToString()));
        var code = result.ErrorCode ?? HostErrors.StoreCode;
        throw result.Status is ResultStatus.Error or ResultStatus.CriticalError or ResultStatus.Unavailable
            ? new StoreFaultException(message, code)
            : new InputException(message, code);
    }

    private static T Require<T>(Result<T> result)
    {
        RequireOk(result);
        return result.Value;
    }
}

/// <summary>The document of <c>itsm store migrate --json</c>.</summary>
/// <param name="Store">PostgreSQL, or the embedded store's file.</param>
/// <param name="Applied">The migrations applied now (empty when the store was up to date).</param>
internal sealed record StoreMigrateDocument(string Store, IReadOnlyList<long> Applied);

/// <summary>The document of <c>itsm store verify --json</c>.</summary>
/// <param name="Consistent">True when every record and audit link checked out.</param>
/// <param name="Problems">Each inconsistent record or broken audit link.</param>
/// <param name="Summary">The library's one-line summary.</param>
internal sealed record StoreVerifyDocument(bool Consistent, IReadOnlyList<StoreProblemDocument> Problems, string Summary);

/// <summary>One problem <c>store verify</c> found, as JSON.</summary>
/// <param name="Tenant">The tenant the record belongs to.</param>
/// <param name="Problem">What is wrong, naming the record.</param>
internal sealed record StoreProblemDocument(string Tenant, string Problem);

/// <summary>What <c>itsm store throughput --json</c> measured.</summary>
/// <param name="Store">The store: PostgreSQL, or SQLite with its file.</param>
/// <param name="Tenant">The tenant of its own the measurement used.</param>
/// <param name="Commands">The incident commands sent (open, assign and resolve each incident).</param>
/// <param name="CommandSeconds">The seconds they took.</param>
/// <param name="CommandsPerSecond">Commands per second.</param>
/// <param name="MillisecondsPerCommand">Milliseconds per command.</param>
/// <param name="Items">The configuration items of the bulk import.</param>
/// <param name="Relationships">Its relationships.</param>
/// <param name="ImportSeconds">The seconds the import took.</param>
/// <param name="ItemsPerSecond">Items per second.</param>
internal sealed record StoreThroughputDocument(
    string Store, string Tenant, int Commands, double CommandSeconds, double CommandsPerSecond, double MillisecondsPerCommand,
    int Items, int Relationships, double ImportSeconds, double ItemsPerSecond);
