using System.CommandLine;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Changes;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// The host's stand-in for what a vendor's product supplies to change management from its own
/// systems: who holds which change authority (its user directory, <see cref="IChangeAuthorityDirectory"/>),
/// the blackout (freeze) and maintenance windows of services (its change calendar, <see cref="IChangeWindowSource"/>) and
/// the catalogue of pre-approved standard change templates (<see cref="ChangeManagementOptions.Catalogue"/>).
/// The library has only in-memory adapters for these, so the host keeps them in CSV files in the data
/// directory, maintained by <c>itsm change authority|blackout|maintenance|template</c>, and loads them on
/// every invocation: into the library's in-memory adapters, and for the windows into
/// <see cref="HostChangeWindowSource"/>, which also compiles the maintenance calendars from the store.
/// </summary>
/// <remarks>
/// <para>
/// Files: <c>change-authorities.csv</c> (<c>tenant,user,authority</c>, one row per grant, authority
/// <c>change-manager</c>, <c>cab</c> or <c>emergency</c>); <c>blackouts.csv</c>
/// (<c>tenant,service,start,end,reason</c>, instants ISO-8601 UTC, half-open); <c>change-templates.csv</c>
/// (<c>name,description,plan,test_plan,backout_plan</c>; shared by every tenant, as the library's
/// catalogue is one per application); <c>maintenance-windows.csv</c> (<c>tenant,service,calendar</c>: the
/// stored business calendar whose working time is the service's maintenance window). A hand-edited file that is malformed is reported with file, line
/// and column, and the invocation exits with <see cref="ExitCodes.InvalidInput"/>.
/// </para>
/// <para>
/// Every write replaces the whole file atomically (<see cref="AtomicOutput"/>). Two invocations writing
/// the same file at the same moment are not serialised: the last one wins. That is enough for a
/// sample's stand-in, not for a product.
/// </para>
/// </remarks>
internal static class ChangeStandIns
{
    /// <summary>The file of change authority grants.</summary>
    public const string AuthoritiesFile = "change-authorities.csv";

    /// <summary>The file of blackout windows.</summary>
    public const string BlackoutsFile = "blackouts.csv";

    /// <summary>The file of standard change templates.</summary>
    public const string TemplatesFile = "change-templates.csv";

    /// <summary>The file naming each service's maintenance calendar.</summary>
    public const string MaintenanceFile = "maintenance-windows.csv";

    /// <summary>The authority names of the command line and the file, with the library's flags.</summary>
    public static readonly IReadOnlyDictionary<string, ChangeAuthority> AuthorityNames = new Dictionary<string, ChangeAuthority>(StringComparer.Ordinal)
    {
        ["change-manager"] = ChangeAuthority.ChangeManager,
        ["cab"] = ChangeAuthority.ChangeAdvisoryBoard,
        ["emergency"] = ChangeAuthority.EmergencyAuthority,
    };

    /// <summary>The full path of <paramref name="file"/> in the data directory.</summary>
    public static string PathOf(ParseResult parseResult, string file) => Path.Combine(HostStore.DataDirectory(parseResult), file);

    /// <summary>
    /// The <c>configure</c> callback of <see cref="HostStore.CreateServices"/> for the change commands:
    /// registers the library's in-memory authority directory, <see cref="HostChangeWindowSource"/> and the options, filled from the files
    /// (registered before <c>AddItsmCore</c>, so they win over its defaults).
    /// </summary>
    /// <exception cref="InputException">A file is malformed.</exception>
    public static void Register(ParseResult parseResult, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var directory = new InMemoryChangeAuthorityDirectory();
        foreach (var grant in ReadAuthorities(PathOf(parseResult, AuthoritiesFile)))
        {
            directory.Grant(grant.Tenant, grant.User, grant.Authority);
        }

        var blackouts = ReadBlackouts(PathOf(parseResult, BlackoutsFile));
        var maintenance = ReadMaintenance(PathOf(parseResult, MaintenanceFile));
        services.AddSingleton<IChangeAuthorityDirectory>(directory);
        services.AddScoped<IChangeWindowSource>(provider => new HostChangeWindowSource(blackouts, maintenance, provider.GetRequiredService<IBusinessCalendarSource>()));
        services.AddSingleton(new ChangeManagementOptions(catalogue: new StandardChangeCatalogue(ReadTemplates(PathOf(parseResult, TemplatesFile)))));
    }

    /// <summary>The grants in <paramref name="path"/>; none when the file does not exist.</summary>
    /// <exception cref="InputException">The file is malformed.</exception>
    public static IReadOnlyList<AuthorityGrant> ReadAuthorities(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var grants = new List<AuthorityGrant>();
        foreach (var row in CsvTable.Read(path, "tenant", "user", "authority").Rows)
        {
            var authority = AuthorityNames.TryGetValue(row["authority"], out var a)
                ? a
                : throw row.Error("authority", $"'{row["authority"]}' is not one of {string.Join(", ", AuthorityNames.Keys)}.");
            grants.Add(new AuthorityGrant(Tenant(row), User(row), authority));
        }

        return grants;
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="grants"/>, atomically.</summary>
    public static void WriteAuthorities(string path, IEnumerable<AuthorityGrant> grants) =>
        Write(path, "tenant,user,authority", grants.Distinct().OrderBy(g => g.Tenant).ThenBy(g => g.User).ThenBy(g => g.Authority)
            .Select(g => $"{CsvTable.Field(g.Tenant.Value)},{CsvTable.Field(g.User.Value)},{NameOf(g.Authority)}"));

    /// <summary>The command-line name of a single <paramref name="authority"/>, such as <c>cab</c>.</summary>
    public static string NameOf(ChangeAuthority authority) => AuthorityNames.Single(n => n.Value == authority).Key;

    /// <summary>The blackout windows in <paramref name="path"/>; none when the file does not exist.</summary>
    /// <exception cref="InputException">The file is malformed.</exception>
    public static IReadOnlyList<TenantBlackout> ReadBlackouts(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var blackouts = new List<TenantBlackout>();
        foreach (var row in CsvTable.Read(path, "tenant", "service", "start", "end", "reason").Rows)
        {
            var service = ConfigurationItemId.Parse(row["service"], "service");
            if (!service.IsSuccess)
            {
                throw row.Error("service", service.ValidationErrors.First().ErrorMessage);
            }

            var start = Instant(row, "start");
            var end = Instant(row, "end");
            if (end <= start)
            {
                throw row.Error("end", $"'{row["end"]}' is not after the start '{row["start"]}'.");
            }

            blackouts.Add(new TenantBlackout(Tenant(row), new BlackoutWindow(service.Value, new Interval(start, end), row["reason"])));
        }

        return blackouts;
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="blackouts"/>, atomically.</summary>
    public static void WriteBlackouts(string path, IEnumerable<TenantBlackout> blackouts) =>
        Write(path, "tenant,service,start,end,reason", blackouts.Select(b =>
            $"{CsvTable.Field(b.Tenant.Value)},{CsvTable.Field(b.Window.Service.Value)},{InstantText.Format(b.Window.Window.Start)},{InstantText.Format(b.Window.Window.End)},{CsvTable.Field(b.Window.Reason)}"));

    /// <summary>The maintenance calendar of each service in <paramref name="path"/>; none when the file does not exist.</summary>
    /// <exception cref="InputException">The file is malformed or names a service twice in one tenant.</exception>
    public static IReadOnlyList<MaintenanceAssignment> ReadMaintenance(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var assignments = new Dictionary<(TenantId, ConfigurationItemId), MaintenanceAssignment>();
        foreach (var row in CsvTable.Read(path, "tenant", "service", "calendar").Rows)
        {
            var service = ConfigurationItemId.Parse(row["service"], "service");
            if (!service.IsSuccess)
            {
                throw row.Error("service", service.ValidationErrors.First().ErrorMessage);
            }

            var calendar = CalendarId.Parse(row["calendar"], "calendar");
            if (!calendar.IsSuccess)
            {
                throw row.Error("calendar", calendar.ValidationErrors.First().ErrorMessage);
            }

            var assignment = new MaintenanceAssignment(Tenant(row), service.Value, calendar.Value);
            if (!assignments.TryAdd((assignment.Tenant, assignment.Service), assignment))
            {
                throw row.Error("service", $"{assignment.Service} has two maintenance calendars in tenant '{assignment.Tenant}'.");
            }
        }

        return [.. assignments.Values];
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="assignments"/>, atomically.</summary>
    public static void WriteMaintenance(string path, IEnumerable<MaintenanceAssignment> assignments) =>
        Write(path, "tenant,service,calendar", assignments.OrderBy(a => a.Tenant).ThenBy(a => a.Service)
            .Select(a => $"{CsvTable.Field(a.Tenant.Value)},{CsvTable.Field(a.Service.Value)},{CsvTable.Field(a.Calendar.Value)}"));

    /// <summary>The standard change templates in <paramref name="path"/>; none when the file does not exist.</summary>
    /// <exception cref="InputException">The file is malformed or names a template twice.</exception>
    public static IReadOnlyList<StandardChangeTemplate> ReadTemplates(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var templates = new Dictionary<string, StandardChangeTemplate>(StringComparer.Ordinal);
        foreach (var row in CsvTable.Read(path, "name", "description", "plan", "test_plan", "backout_plan").Rows)
        {
            // Template names follow the library's text-identifier rules, the same as any other text id.
            if (CalendarId.Parse(row["name"], "name") is { IsSuccess: false } invalid)
            {
                throw row.Error("name", invalid.ValidationErrors.First().ErrorMessage);
            }

            if (row["plan"].Length == 0)
            {
                throw row.Error("plan", "a template needs an implementation plan.");
            }

            var template = new StandardChangeTemplate(row["name"], row["description"], new ChangePlans(row["plan"], row["test_plan"], row["backout_plan"]));
            if (!templates.TryAdd(template.Name, template))
            {
                throw row.Error("name", $"template '{template.Name}' appears twice.");
            }
        }

        return [.. templates.Values];
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="templates"/>, atomically.</summary>
    public static void WriteTemplates(string path, IEnumerable<StandardChangeTemplate> templates) =>
        Write(path, "name,description,plan,test_plan,backout_plan", templates.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t =>
            string.Join(',', new[] { t.Name, t.Description, t.Plans.Implementation, t.Plans.Test ?? string.Empty, t.Plans.Backout ?? string.Empty }.Select(CsvTable.Field))));

    private static void Write(string path, string header, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicOutput.Write(path, TextWriter.Null, writer =>
        {
            writer.WriteLine(header);
            foreach (var line in lines)
            {
                writer.WriteLine(line);
            }
        });
    }

    private static TenantId Tenant(CsvRow row) =>
        TenantId.Parse(row["tenant"], "tenant") is { IsSuccess: true } tenant ? tenant.Value : throw row.Error("tenant", $"'{row["tenant"]}' is not a tenant id.");

    private static UserId User(CsvRow row) =>
        UserId.Parse(row["user"], "user") is { IsSuccess: true } user ? user.Value : throw row.Error("user", $"'{row["user"]}' is not a user id.");

    private static Instant Instant(CsvRow row, string column) =>
        InstantPattern.ExtendedIso.Parse(row[column]) is { Success: true } parsed
            ? parsed.Value
            : throw row.Error(column, $"'{row[column]}' is not an ISO-8601 UTC instant such as 2026-11-20T00:00:00Z.");
}

/// <summary>One change authority held by one user in one tenant.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="User">Who holds it.</param>
/// <param name="Authority">A single authority flag.</param>
internal sealed record AuthorityGrant(TenantId Tenant, UserId User, ChangeAuthority Authority);

/// <summary>The maintenance calendar of one service in one tenant: a calendar stored with <c>itsm calendar define</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Service">The service (a CI).</param>
/// <param name="Calendar">The stored calendar whose working time is when changes to the service may be made.</param>
internal sealed record MaintenanceAssignment(TenantId Tenant, ConfigurationItemId Service, CalendarId Calendar);

/// <summary>
/// The host's <see cref="IChangeWindowSource"/>: the blackout windows of <c>blackouts.csv</c>, and as
/// maintenance windows the business calendars that <c>maintenance-windows.csv</c> names, compiled from
/// the tenant's stored calendars (<see cref="IBusinessCalendarSource"/>, so they follow the calendar's
/// time zone and daylight saving as the SLA clocks do).
/// </summary>
/// <remarks>Scoped, like the calendar source it reads.</remarks>
internal sealed class HostChangeWindowSource(IReadOnlyList<TenantBlackout> blackouts, IReadOnlyList<MaintenanceAssignment> maintenance, IBusinessCalendarSource calendars) : IChangeWindowSource
{
    /// <inheritdoc />
    /// <exception cref="InputException">A named maintenance calendar is not stored in the tenant.</exception>
    public async Task<ServiceWindows> GetWindowsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var calendarsByService = new List<KeyValuePair<ConfigurationItemId, BusinessCalendar>>();
        foreach (var assignment in maintenance.Where(m => m.Tenant == tenant && services.Contains(m.Service)))
        {
            var calendar = await calendars.GetAsync(tenant, assignment.Calendar, cancellationToken).ConfigureAwait(false);
            calendarsByService.Add(new(assignment.Service, calendar.IsSuccess
                ? calendar.Value
                : throw new InputException($"{ChangeStandIns.MaintenanceFile}: the maintenance calendar '{assignment.Calendar}' of {assignment.Service} cannot be used in tenant '{tenant}': {calendar.Message}")));
        }

        return new ServiceWindows(calendarsByService, blackouts.Where(b => b.Tenant == tenant && services.Contains(b.Window.Service)).Select(b => b.Window));
    }
}

/// <summary>A blackout window of one tenant.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Window">The frozen service, when and why.</param>
internal sealed record TenantBlackout(TenantId Tenant, BlackoutWindow Window);
