using System.Globalization;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Capacity;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Continuity;
using Itsm.Core.Application.Reporting;
using Itsm.Core.Availability;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Continuity;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>
/// The service-delivery step: March's availability of payroll measured from recorded CI outages (a planned firmware window on the
/// storage array and an unplanned core-switch failure overlapping a cluster host's), payroll's continuity plan tested and then made
/// stale by a change in its dependency closure, and the storage array forecast to fill before summer.
/// </summary>
internal sealed partial class GuidedTour
{
    private static readonly ConfigurationItemId StorageArray = ConfigurationItemId.From("san-01");
    private static readonly ConfigurationItemId PayrollDb = ConfigurationItemId.From("db-payroll");
    private static readonly CapacityMetric StorageUsed = CapacityMetric.From("storage_used_pct");

    /// <summary>Weekly readings of the array's storage use in percent, Mondays 4 January to 29 March 2027: about 1.6 points a week.</summary>
    private static readonly double[] StorageReadings = [61.3, 62.4, 64.6, 65.3, 67.5, 69.2, 70.3, 72.7, 73.7, 74.9, 77.3, 78.6, 79.9];

    private async Task RunAvailabilityAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Availability, continuity and capacity",
            "Demonstrates availability measured exactly from CI outages through the CMDB's redundancy in the agreed service hours, a continuity plan made stale by a change in its service's dependencies, and a storage forecast with its confidence range; why it matters: planned work is not downtime, overlapping outages count once, and a recovery plan is only as good as the configuration it was tested on.");
        var operations = As("olga.operations");
        foreach (var (item, start, end, kind, what) in new[]
        {
            (StorageArray, Local(3, 9, 17, 0), Local(3, 9, 19, 0), OutageKind.Planned, "planned firmware window on the storage array"),
            (Esx02, Local(3, 11, 10, 0), Local(3, 11, 11, 30), OutageKind.Unplanned, "cluster host esx-02 fails"),
            (CoreSwitch, Local(3, 11, 10, 5), Local(3, 11, 10, 50), OutageKind.Unplanned, "the core switch fails"),
        })
        {
            await SendAsync(new RecordOutage(operations, item, start, end, kind), cancellationToken).ConfigureAwait(false);
            Note($"outage recorded: {what}, {Show(start)} to {Show(end)}");
        }

        var manager = As("alan.availability");
        // Recorded now, agreed for the whole year: a target set today would not be in force for March, which would then have none.
        await SendAsync(new SetAvailabilityTarget(manager, Payroll, 0.995) { EffectiveFrom = Local(1, 1, 0, 0) }, cancellationToken).ConfigureAwait(false);
        var march = new Interval(Local(3, 1, 0, 0), Local(4, 1, 0, 0));
        var report = await QueryAsync(new GetAvailability(manager, Payroll, march, OfficeHours), cancellationToken).ConfigureAwait(false);
        var f = report.Figures;
        var table = TableConsole.Table(["measure", "svc-payroll"], "svc-payroll").Title($"Availability of payroll, March 2027, in '{OfficeHours}'");
        table.AddRow("service hours", Show(f.ServiceHours));
        table.AddRow("planned (P)", Show(f.Planned));
        table.AddRow("agreed (A)", Show(f.Agreed));
        table.AddRow("down (D)", Show(f.Down));
        table.AddRow("degraded", Show(f.Degraded));
        table.AddRow("availability", Fraction(f.Availability));
        table.AddRow("outages, MTRS", $"{f.Outages}, {(f.MeanTimeToRestore is { } mtrs ? Show(mtrs) : "-")}");
        table.AddRow("target", report.Attainment is { } a ? $"{Fraction(a.Target)} {(a.Met ? "[green]met[/]" : "[red]missed[/]")}, {Show(a.ToSpare)} to spare" : "-");
        console.Write(table);
        console.MarkupLine(Markup.Escape(
            $"Only the half hour of the firmware window inside office hours is planned time, and it is taken out of the agreed time, not counted as downtime. The switch took all three cluster hosts "
            + $"with it, so payroll was down for {Show(f.Down)}; esx-02's failure around it only degraded the 2-of-3 cluster, and the overlap is counted once."));

        var monthly = await QueryAsync(new GetServiceReport(manager, Payroll, march), cancellationToken).ConfigureAwait(false);
        Note(monthly.AvailabilityAttainment is { } inReport
            ? $"payroll's March service report carries the same figures: availability {Fraction(monthly.AvailabilityFigures?.Availability)}, target {Fraction(inReport.Target)} {(inReport.Met ? "met" : "missed")}"
            : "payroll's March service report has no availability target to assess");

        var continuity = As("cora.continuity");
        await SendAsync(new DefineBusinessImpact(continuity, Payroll, Duration.FromHours(24), Duration.FromHours(4), Duration.FromHours(1)), cancellationToken).ConfigureAwait(false);
        await SendAsync(new DefineContinuityPlan(continuity, Payroll, ["Fail payroll over to the standby site", "Restore db-payroll from the last log backup", "Run the payroll smoke test"], [PayrollVm, PayrollDb]), cancellationToken).ConfigureAwait(false);
        var tested = await SendAsync(new RecordPlanTest(continuity, Payroll, clock.GetCurrentInstant() - Duration.FromHours(2), Duration.FromMinutes(190), Duration.FromMinutes(20)), cancellationToken).ConfigureAwait(false);
        var test = tested.Record.Tests[^1];
        Note($"continuity test of payroll: {(test.Passed ? "passed" : "failed")}, recovered in {Show(test.AchievedRecovery)} against an RTO of 4h (gap {Show(test.RtoGap)}), {Show(test.DataLoss)} of data lost against an RPO of 1h");
        AdvanceTo(clock.GetCurrentInstant() + Duration.FromHours(3), "the DBA patches the payroll database");
        await SendAsync(new UpdateConfigurationItem(As("dana.dba"), PayrollDb, SetAttributes: new Dictionary<string, AttributeValue> { ["engine"] = AttributeValue.FromText("SQL Server 2022 CU16") }), cancellationToken).ConfigureAwait(false);
        var stale = await QueryAsync(new ListStaleContinuityPlans(continuity), cancellationToken).ConfigureAwait(false);
        var verdict = stale.FirstOrDefault(v => v.Service == Payroll);
        Note(verdict is null
            ? "payroll's continuity plan is still current"
            : $"payroll's continuity plan is {verdict.Status.ToString().ToLowerInvariant()}: {string.Join(", ", verdict.ChangedItems)} changed since its last passed test");

        var capacity = As("carl.capacity");
        var monday = Local(1, 4, 0, 0);
        await SendAsync(new RecordMeasurements(capacity, [.. StorageReadings.Select((v, week) => new CapacityReading(StorageArray, StorageUsed, monday + Duration.FromDays(7 * week), v))]), cancellationToken).ConfigureAwait(false);
        await SendAsync(new SetCapacityThreshold(capacity, StorageArray, StorageUsed, 80, 90), cancellationToken).ConfigureAwait(false);
        var forecast = await QueryAsync(new ForecastCapacity(capacity, StorageArray, StorageUsed), cancellationToken).ConfigureAwait(false);
        var risk = await QueryAsync(new GetCapacityRisk(capacity, Payroll, Duration.FromDays(120)), cancellationToken).ConfigureAwait(false);
        Note(forecast.Crossing is { } crossing
            ? $"san-01 storage: {StorageReadings.Length} weekly readings, +{forecast.SlopePerDay * 7:0.0} points a week; reaches 90 % about {Day(crossing)} (95 % range {Day(forecast.Earliest)} to {Day(forecast.Latest)})"
            : $"san-01 storage: no forecast ({forecast.Reason})");
        Note($"capacity risk to payroll within 120 days: {string.Join(", ", risk.Items.Select(i => i.Item))}; saturated, payroll would be {risk.ServiceState.ToString().ToUpperInvariant()}");
        outcome = outcome with
        {
            PayrollAvailability = f.Availability,
            PayrollPlanned = f.Planned,
            PayrollDown = f.Down,
            PayrollDegraded = f.Degraded,
            PayrollOutages = f.Outages,
            AvailabilityTargetMet = report.Attainment?.Met,
            ReportedPayrollAvailability = monthly.AvailabilityFigures?.Availability,
            StalePlanChangedItems = verdict is null ? [] : [.. verdict.ChangedItems.Select(i => i.ToString())],
            PlanTestPassed = test.Passed,
            StorageFullBy = forecast.Crossing?.InZone(London).Date,
            StorageRiskTakesPayroll = risk.Items.Any(i => i.Item == StorageArray) ? risk.ServiceState : null,
        };
    }

    private static string Fraction(double? value) => value is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Day(Instant? instant) => instant is { } i ? i.InZone(London).Date.ToString("d MMMM", CultureInfo.InvariantCulture) : "-";
}
