using System.Globalization;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Itsm.Sample.Host.Io;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>Step 1: the organisation: its CMDB, business calendars and SLAs.</summary>
internal sealed partial class GuidedTour
{
    private static readonly CalendarId OfficeHours = CalendarId.From("uk-office-hours");
    private static readonly CalendarId AroundTheClock = CalendarId.From("24x7");

    /// <summary>England and Wales bank holidays of 2027 (Christmas and Boxing Day fall on a weekend and move to 27 and 28 December).</summary>
    private static readonly LocalDate[] BankHolidays2027 =
    [
        new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29), new(2027, 5, 3), new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
    ];

    private static readonly ConfigurationItemId OnlineBanking = ConfigurationItemId.From("svc-online-banking");
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("svc-payroll");
    private static readonly ConfigurationItemId Intranet = ConfigurationItemId.From("svc-intranet");
    private static readonly ConfigurationItemId Cluster = ConfigurationItemId.From("cl-prod");
    private static readonly ConfigurationItemId Esx01 = ConfigurationItemId.From("esx-01");
    private static readonly ConfigurationItemId Esx02 = ConfigurationItemId.From("esx-02");
    private static readonly ConfigurationItemId Esx03 = ConfigurationItemId.From("esx-03");
    private static readonly ConfigurationItemId CoreSwitch = ConfigurationItemId.From("sw-core-01");
    private static readonly ConfigurationItemId PayrollVm = ConfigurationItemId.From("vm-payroll-01");
    private static readonly ConfigurationItemId IntranetServer = ConfigurationItemId.From("srv-intranet-01");

    private static readonly ConfigurationItemId[] Services = [OnlineBanking, Payroll, Intranet];

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Seed a small organisation",
            "Demonstrates a CMDB, UK business calendars and SLAs per priority; why it matters: every later answer is derived from these records.");
        var admin = As("tour.admin");

        await SendAsync(new DefineCalendar(admin, OfficeHours, OfficeHoursDefinition()), cancellationToken).ConfigureAwait(false);
        await SendAsync(new DefineCalendar(admin, AroundTheClock, AroundTheClockDefinition()), cancellationToken).ConfigureAwait(false);

        var items = new (string Id, ConfigurationItemClass Class, string Name, BusinessCriticality Criticality, RedundancyRule Redundancy, (string Name, string Value)[] Attributes)[]
        {
            ("svc-online-banking", ConfigurationItemClass.BusinessService, "Online banking", BusinessCriticality.Critical, default, []),
            ("svc-payroll", ConfigurationItemClass.BusinessService, "Payroll", BusinessCriticality.High, default, []),
            ("svc-intranet", ConfigurationItemClass.BusinessService, "Staff intranet", BusinessCriticality.Low, default, []),
            ("app-banking", ConfigurationItemClass.Application, "Banking web application", BusinessCriticality.None, default, [("version", "5.4.1")]),
            ("app-payroll", ConfigurationItemClass.Application, "Payroll application", BusinessCriticality.None, default, [("version", "2027.1")]),
            ("app-intranet", ConfigurationItemClass.Application, "Intranet CMS", BusinessCriticality.None, default, [("version", "10.2")]),
            ("db-banking", ConfigurationItemClass.Database, "Banking database", BusinessCriticality.None, default, [("engine", "PostgreSQL 17")]),
            ("db-payroll", ConfigurationItemClass.Database, "Payroll database", BusinessCriticality.None, default, [("engine", "SQL Server 2022")]),
            ("vm-bank-app-01", ConfigurationItemClass.VirtualMachine, "Banking application VM", BusinessCriticality.None, default, [("ram_gb", "32")]),
            ("vm-bank-db-01", ConfigurationItemClass.VirtualMachine, "Banking database VM", BusinessCriticality.None, default, [("ram_gb", "64")]),
            ("vm-payroll-01", ConfigurationItemClass.VirtualMachine, "Payroll VM", BusinessCriticality.None, default, [("ram_gb", "16")]),
            ("cl-prod", ConfigurationItemClass.Cluster, "Production host cluster", BusinessCriticality.None, RedundancyRule.AtLeast(2), []),
            ("esx-01", ConfigurationItemClass.Server, "Cluster host 1", BusinessCriticality.None, default, [("firmware", "7.0.3")]),
            ("esx-02", ConfigurationItemClass.Server, "Cluster host 2", BusinessCriticality.None, default, [("firmware", "7.0.3")]),
            ("esx-03", ConfigurationItemClass.Server, "Cluster host 3", BusinessCriticality.None, default, [("firmware", "7.0.3")]),
            ("srv-intranet-01", ConfigurationItemClass.Server, "Intranet server", BusinessCriticality.None, default, [("php_version", "8.1")]),
            ("san-01", ConfigurationItemClass.Storage, "Storage array", BusinessCriticality.None, default, []),
            ("sw-core-01", ConfigurationItemClass.NetworkDevice, "Core switch", BusinessCriticality.None, default, []),
        };
        foreach (var item in items)
        {
            var attributes = item.Attributes.ToDictionary(a => a.Name, a => AttributeValue.FromText(a.Value));
            await SendAsync(
                new RegisterConfigurationItem(admin, ConfigurationItemId.From(item.Id), item.Class, item.Name, item.Criticality, item.Redundancy, UserId.From("cmdb.owner"), attributes),
                cancellationToken).ConfigureAwait(false);
        }

        var edges = new (string Source, RelationshipType Type, string Target)[]
        {
            ("svc-online-banking", RelationshipType.DependsOn, "app-banking"),
            ("app-banking", RelationshipType.RunsOn, "vm-bank-app-01"),
            ("app-banking", RelationshipType.DependsOn, "db-banking"),
            ("db-banking", RelationshipType.RunsOn, "vm-bank-db-01"),
            ("svc-payroll", RelationshipType.DependsOn, "app-payroll"),
            ("app-payroll", RelationshipType.RunsOn, "vm-payroll-01"),
            ("app-payroll", RelationshipType.DependsOn, "db-payroll"),
            ("db-payroll", RelationshipType.RunsOn, "vm-payroll-01"),
            ("svc-intranet", RelationshipType.DependsOn, "app-intranet"),
            ("app-intranet", RelationshipType.RunsOn, "srv-intranet-01"),
            ("vm-bank-app-01", RelationshipType.HostedOn, "cl-prod"),
            ("vm-bank-db-01", RelationshipType.HostedOn, "cl-prod"),
            ("vm-payroll-01", RelationshipType.HostedOn, "cl-prod"),
            ("vm-bank-db-01", RelationshipType.DependsOn, "san-01"),
            ("vm-payroll-01", RelationshipType.DependsOn, "san-01"),
            ("esx-01", RelationshipType.MemberOf, "cl-prod"),
            ("esx-02", RelationshipType.MemberOf, "cl-prod"),
            ("esx-03", RelationshipType.MemberOf, "cl-prod"),
            ("esx-01", RelationshipType.ConnectsTo, "sw-core-01"),
            ("esx-02", RelationshipType.ConnectsTo, "sw-core-01"),
            ("esx-03", RelationshipType.ConnectsTo, "sw-core-01"),
            ("san-01", RelationshipType.ConnectsTo, "sw-core-01"),
            ("srv-intranet-01", RelationshipType.ConnectsTo, "sw-core-01"),
        };
        var relationships = edges.Select(e => Relationship.Create(ConfigurationItemId.From(e.Source), ConfigurationItemId.From(e.Target), e.Type).Value).ToList();
        var imported = await SendAsync(new ImportConfiguration(admin, [], relationships), cancellationToken).ConfigureAwait(false);

        var cmdb = TableConsole.Table(["item", "class", "name", "criticality or redundancy"], "item", "class").Title("CMDB");
        foreach (var item in items)
        {
            cmdb.AddRow(
                Markup.Escape(item.Id), item.Class.Name, Markup.Escape(item.Name),
                item.Criticality != BusinessCriticality.None ? $"{item.Criticality} criticality"
                : item.Redundancy.HasRedundancy ? $"{item.Redundancy} of {edges.Count(e => e.Target == item.Id && e.Type == RelationshipType.MemberOf)} members up" : string.Empty);
        }

        console.Write(cmdb);
        console.MarkupLine(Markup.Escape($"{items.Length} configuration items registered; {imported.Relationships} relationships imported in one all-or-nothing ImportConfiguration (cycles and unknown ends would reject it whole)."));
        console.WriteLine();

        var slas = new (string Id, string Name, ConfigurationItemId Service, CalendarId Calendar, (int Priority, Duration Response, Duration Resolution)[] Targets)[]
        {
            ("sla-online-banking", "Online banking 24x7", OnlineBanking, AroundTheClock,
                [(1, Duration.FromMinutes(15), Duration.FromHours(4)), (2, Duration.FromMinutes(30), Duration.FromHours(8)), (3, Duration.FromHours(1), Duration.FromHours(24)), (4, Duration.FromHours(4), Duration.FromHours(72)), (5, Duration.FromHours(8), Duration.FromHours(120))]),
            ("sla-payroll", "Payroll office hours", Payroll, OfficeHours,
                [(1, Duration.FromMinutes(30), Duration.FromHours(4)), (2, Duration.FromHours(1), Duration.FromHours(8)), (3, Duration.FromHours(2), Duration.FromHours(16)), (4, Duration.FromHours(4), Duration.FromHours(24)), (5, Duration.FromHours(8), Duration.FromHours(40))]),
            ("sla-intranet", "Intranet office hours", Intranet, OfficeHours,
                [(1, Duration.FromHours(1), Duration.FromHours(8)), (2, Duration.FromHours(2), Duration.FromHours(16)), (3, Duration.FromHours(4), Duration.FromHours(24)), (4, Duration.FromHours(4), Duration.FromHours(32)), (5, Duration.FromHours(4), Duration.FromHours(40))]),
        };
        var slaTable = TableConsole.Table(["SLA", "service", "calendar", "response / resolution"], "service", "calendar")
            .Title("SLA targets (in business time of the SLA's calendar)");
        foreach (var sla in slas)
        {
            var definition = SlaDefinition.Create(
                SlaDefinitionId.From(sla.Id), sla.Name, new SlaScope(sla.Service), sla.Calendar,
                sla.Targets.ToDictionary(t => t.Priority, t => new SlaTargets(t.Response, t.Resolution)), new SlaClockRules { WarningThresholds = [50, 75, 90], PausedBy = [SlaPause.OnHold] });
            await SendAsync(new DefineSla(admin, definition.IsSuccess ? definition.Value : throw Failed($"SLA definition {sla.Id}", definition)), cancellationToken).ConfigureAwait(false);
            slaTable.AddRow(Markup.Escape(sla.Name), Markup.Escape(sla.Service.ToString()), Markup.Escape(sla.Calendar.ToString()), string.Join('\n', sla.Targets.Select(t => $"P{t.Priority} {Show(t.Response)} / {Show(t.Resolution)}")));
        }

        console.MarkupLine(Markup.Escape(
            $"Calendars: '{OfficeHours}' = Europe/London, Mon-Fri 09:00-12:30 and 13:30-17:30, closed on the {BankHolidays2027.Length} bank holidays of 2027 "
            + $"({string.Join(", ", BankHolidays2027.Select(d => d.ToString("d MMM", CultureInfo.InvariantCulture)))}); '{AroundTheClock}' = every hour of every day."));
        console.Write(slaTable);
        console.MarkupLine("Each SLA warns at 50, 75 and 90 % of a target, and the OnHold state pauses its resolution clock.");
    }

    private static BusinessCalendarDefinition OfficeHoursDefinition()
    {
        IReadOnlyList<WorkingRange> day = [WorkingRange.Between(new LocalTime(9, 0), new LocalTime(12, 30)), WorkingRange.Between(new LocalTime(13, 30), new LocalTime(17, 30))];
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>
        {
            [IsoDayOfWeek.Monday] = day,
            [IsoDayOfWeek.Tuesday] = day,
            [IsoDayOfWeek.Wednesday] = day,
            [IsoDayOfWeek.Thursday] = day,
            [IsoDayOfWeek.Friday] = day,
        };
        var created = BusinessCalendarDefinition.Create("UK office hours", London.Id, week, BankHolidays2027);
        return created.IsSuccess ? created.Value : throw Failed("calendar definition", created);
    }

    private static BusinessCalendarDefinition AroundTheClockDefinition()
    {
        var week = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.WholeDay]);
        var created = BusinessCalendarDefinition.Create("24x7", London.Id, week);
        return created.IsSuccess ? created.Value : throw Failed("calendar definition", created);
    }
}
