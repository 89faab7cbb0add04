using System.Text.Json;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Application.Reporting;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Tests.Availability;
using Itsm.Core.Common;
using Itsm.Core.Reporting;
using Itsm.Core.ServiceLevels;
using NodaTime;
using static Itsm.Core.Application.Tests.Availability.PayrollCmdb;

namespace Itsm.Core.Application.Tests.Reporting;

/// <summary>
/// <see cref="GetMonthlyServiceReport"/> through the dispatcher: months bounded by midnights of the SLA calendar's zone (so the last
/// hour of 31 March in London, after the clocks went forward, belongs to April), a year of consecutive months each equal to its own
/// <see cref="GetServiceReport"/>, the customer's incidents only, problem activity, and the JSON and CSV documents.
/// </summary>
public sealed class MonthlyServiceReportingTests : InMemoryDispatcherTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 20, 9, 0);
    private static readonly CalendarId London = CalendarId.From("london");
    private static readonly CustomerId Hr = CustomerId.From("acme-hr");
    private static readonly CustomerId Finance = CustomerId.From("acme-finance");
    private static readonly YearMonth March2027 = new(2027, 3);

    private const string LondonJson = """{"name": "London office", "timeZone": "Europe/London", "week": {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}}""";

    public MonthlyServiceReportingTests()
        : base(T0)
    {
    }

    private static RequestContext Acme { get; } = new(TenantId.From("acme"), UserId.From("sam"));

    [Fact]
    public async Task GetMonthlyServiceReport_OfMarch_IsTwelveLondonMonths_EachItsOwnServiceReport_ForTheCustomerAsked()
    {
        await SeedAsync();
        await OpenAsync(Instant.FromUtc(2026, 3, 31, 23, 30), Hr); // 00:30 BST on 1 April 2026: the first month of the trend
        await OpenAsync(Instant.FromUtc(2027, 2, 10, 11, 0), Hr);
        await OpenAsync(Instant.FromUtc(2027, 3, 31, 22, 30), Finance); // 23:30 BST on 31 March: still March
        await OpenAsync(Instant.FromUtc(2027, 3, 31, 23, 30), Hr); // 00:30 BST on 1 April 2027: not in the report
        clock.Reset(Instant.FromUtc(2027, 3, 12, 10, 0));
        Assert.True((await itsm.SendAsync(new LogProblem(Acme, "Payslips fail to render", Payroll, 2, 2))).IsSuccess);
        clock.Reset(Instant.FromUtc(2027, 4, 15, 9, 0));

        var all = await itsm.QueryAsync(new GetMonthlyServiceReport(Acme, Payroll, March2027));
        var hr = await itsm.QueryAsync(new GetMonthlyServiceReport(Acme, Payroll, March2027) { Customer = Hr });

        Assert.True(all.IsSuccess, all.Message);
        var report = all.Value;
        Assert.Equal(Enumerable.Range(0, 12).Select(i => new YearMonth(2026, 4).PlusMonths(i)), report.Months.Select(m => m.Month));
        Assert.Equal(("Europe/London", March2027), (report.Zone.Id, report.Month));
        // March 2027 in London: from midnight GMT to midnight BST, 743 hours.
        Assert.Equal(new Interval(Instant.FromUtc(2027, 3, 1, 0, 0), Instant.FromUtc(2027, 3, 31, 23, 0)), report.Report.Period);
        Assert.Equal(Duration.FromHours(743), report.Report.Period.Duration);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], report.Months.Select(m => m.Report.IncidentCount));
        Assert.Equal((1, 0), (report.Report.Activity.ProblemsOpened, report.Months[^2].Report.Activity.ProblemsOpened));
        Assert.Null(report.Customer);
        foreach (var (month, monthly) in report.Months)
        {
            var alone = (await itsm.QueryAsync(new GetServiceReport(Acme, Payroll, MonthlyServiceReport.MonthIn(month, report.Zone)))).Value;
            Assert.Equal((alone.Period, alone.AsOf, alone.IncidentCount, alone.Response, alone.Resolution, alone.AvailabilityFigures, alone.Activity), (monthly.Period, monthly.AsOf, monthly.IncidentCount, monthly.Response, monthly.Resolution, monthly.AvailabilityFigures, monthly.Activity));
        }

        Assert.True(hr.IsSuccess, hr.Message);
        Assert.Equal(Hr, hr.Value.Customer);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], hr.Value.Months.Select(m => m.Report.IncidentCount));
    }

    [Fact]
    public async Task GetMonthlyServiceReport_AsJsonAndCsv_CarriesEveryMonth_AndNullsNotZeros()
    {
        await SeedAsync();
        await OpenAsync(Instant.FromUtc(2027, 3, 31, 22, 30), Finance);
        clock.Reset(Instant.FromUtc(2027, 4, 15, 9, 0));
        var report = (await itsm.QueryAsync(new GetMonthlyServiceReport(Acme, Payroll, March2027) { Months = 3 })).Value;

        var json = JsonDocument.Parse(ServiceReportFormat.ToJson(report)).RootElement;
        var csv = ServiceReportFormat.ToCsv(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(("payroll", "2027-03", "Europe/London", "2027-03-31T23:00:00Z"), (json.GetProperty("service").GetString(), json.GetProperty("month").GetString(), json.GetProperty("zone").GetString(), json.GetProperty("to").GetString()));
        var priority = Assert.Single(report.Report.IncidentsByPriority).Key.ToString();
        Assert.Equal((1, 1), (json.GetProperty("incidents").GetProperty("total").GetInt32(), json.GetProperty("incidents").GetProperty("byPriority").GetProperty(priority).GetInt32()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("response").GetProperty("attainment").ValueKind); // the clock has not ended: no attainment, not 0 %
        Assert.Equal(["2027-01", "2027-02", "2027-03"], json.GetProperty("trend").EnumerateArray().Select(t => t.GetProperty("month").GetString()));
        Assert.Equal(4, csv.Length);
        Assert.Equal(string.Join(',', ServiceReportFormat.CsvColumns), csv[0]);
        Assert.StartsWith($"2027-03,2027-03-01T00:00:00Z,2027-03-31T23:00:00Z,payroll,,1,{priority}:1,0,0,,", csv[3], StringComparison.Ordinal);
        Assert.All(csv.Skip(1), row => Assert.Equal(ServiceReportFormat.CsvColumns.Count, row.Split(',').Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public async Task GetMonthlyServiceReport_OfTooFewOrTooManyMonths_IsInvalid(int months)
    {
        await SeedAsync();

        var refused = await itsm.QueryAsync(new GetMonthlyServiceReport(Acme, Payroll, March2027) { Months = months });

        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.Equal("report.months", Assert.Single(refused.ValidationErrors).ErrorCode);
    }

    /// <summary>Regression (random requests, seed 20263): October of year 1 with its eleven months before overflowed NodaTime's calendar in the validator.</summary>
    [Theory]
    [InlineData(1, 10, 12)]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 12)]
    public async Task GetMonthlyServiceReport_OfAMonthOutsideTheCalendarsYears_IsInvalid_NotAnException(int year, int month, int months)
    {
        await SeedAsync();

        var refused = await itsm.QueryAsync(new GetMonthlyServiceReport(Acme, Payroll, new YearMonth(year, month)) { Months = months });

        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.Equal("report.period", Assert.Single(refused.ValidationErrors).ErrorCode);
    }

    [Fact]
    public async Task GetMonthlyServiceReport_OfAServiceWithoutAnSla_IsNotFound()
    {
        await SeedAsync();

        var missing = await itsm.QueryAsync(new GetMonthlyServiceReport(Acme, ConfigurationItemId.From("svc-crm"), March2027));

        Assert.Equal((ResultStatus.NotFound, "report.no-sla"), (missing.Status, missing.ErrorCode));
    }

    private async Task OpenAsync(Instant at, CustomerId customer)
    {
        clock.Reset(at);
        var opened = await itsm.SendAsync(new OpenIncident(Acme, "Payslips are late", Payroll, 2, 2, UserId.From("carol")) { Customer = customer });
        Assert.True(opened.IsSuccess, opened.Message);
    }

    private async Task SeedAsync()
    {
        Assert.True((await itsm.SendAsync(new DefineCalendar(Acme, London, CalendarJson.Read(LondonJson).Value))).IsSuccess);
        await PayrollCmdb.RegisterAsync(itsm, Acme);
        var targets = new Dictionary<int, SlaTargets> { [1] = new(Duration.FromHours(1), Duration.FromHours(8)), [2] = new(Duration.FromHours(2), Duration.FromHours(16)) };
        Assert.True((await itsm.SendAsync(new DefineSla(Acme, SlaDefinition.Create(SlaDefinitionId.From("payroll"), "payroll", new SlaScope(Payroll), London, targets).Value))).IsSuccess);
    }
}
