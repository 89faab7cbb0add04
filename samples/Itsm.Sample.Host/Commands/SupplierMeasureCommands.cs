using System.CommandLine;
using System.Globalization;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Suppliers;
using Itsm.Sample.Host.Io;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>One wait on a supplier in JSON; business times in seconds on the contract's calendar.</summary>
internal sealed record WaitDocument(string Incident, string Priority, string From, string? Until, long TargetSeconds, long WaitedSeconds, long BreachSeconds, string Outcome);

/// <summary>A contract's supplier performance over a period in JSON.</summary>
internal sealed record PerformanceDocument(string Contract, string From, string To, string At, int Met, int Breached, int Pending, int NotCovered, double? Attainment, long TotalBreachSeconds, WaitDocument[] Waits);

/// <summary>The service credit of one billing period in JSON.</summary>
internal sealed record CreditsDocument(string Contract, string From, string To, long TotalBreachSeconds, int Breached, MoneyDocument PeriodFee, MoneyDocument Credit);

/// <summary>
/// <c>itsm supplier performance|credits ID --from --to</c>: how a contract's supplier performed over a period (the incidents'
/// "awaiting supplier" waits measured against the contract's resolution targets on its calendar) and the service credit it owes
/// for one billing period under its credit policy. Both are the library's queries; the host only renders them.
/// </summary>
internal static class SupplierMeasureCommands
{
    /// <summary>Adds <c>performance</c> and <c>credits</c> to the <c>supplier</c> command.</summary>
    internal static void AddTo(Command supplier)
    {
        supplier.Subcommands.Add(CreatePerformance());
        supplier.Subcommands.Add(CreateCredits());
    }

    private static Command CreatePerformance()
    {
        var id = ContractCommands.IdArgument();
        var (from, to) = PeriodOptions.Create("The first instant of the period (a wait counts in the period it began in).");
        return OneRequest.Create(
            "performance",
            "A contract's supplier performance over [from, to): each wait on the supplier measured against the contract's resolution target on its calendar, met, breached or pending, and the attainment.\n\n"
            + "Example:\n  itsm supplier performance uc-storage-2027 --from 2027-03-01T00:00:00Z --to 2027-04-01T00:00:00Z",
            [id, from, to],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new GetSupplierPerformance(session.Context, p.GetValue(id)!, PeriodOptions.Read(p, from, to)), cancellationToken),
            (report, _) => Document(report),
            (report, _, output) =>
            {
                output.WriteLine(SafeText.Escape($"contract {report.Contract}, {InstantText.Format(report.Period.Start)} to {InstantText.Format(report.Period.End)}: {report.Met} met, {report.Breached} breached, {report.Pending} pending, attainment {Percent(report.Attainment)}"));
                var table = TableConsole.Table(["incident", "priority", "waited", "target", "outcome"], "incident");
                foreach (var w in report.Waits)
                {
                    table.Row(w.Wait.Incident.ToString(), w.Wait.Priority.ToString(), InstantText.FormatDuration(w.Waited), InstantText.FormatDuration(w.Target), w.Outcome.ToString());
                }

                TableConsole.Create(output).Write(table);
                if (report.NotCovered > 0)
                {
                    output.WriteLine($"{report.NotCovered} wait(s) at priorities the contract has no targets for are not measured");
                }
            },
            SupplierRecordCommands.Fields);
    }

    private static Command CreateCredits()
    {
        var id = ContractCommands.IdArgument();
        var (from, to) = PeriodOptions.Create("The first instant of the billing period.");
        return OneRequest.Create(
            "credits",
            "The service credit a contract owes for one billing period [from, to): its breaches added up under its credit policy, as money in the fee's currency, never above the cap.\n\n"
            + "Example:\n  itsm supplier credits uc-storage-2027 --from 2027-03-01T00:00:00Z --to 2027-04-01T00:00:00Z --json",
            [id, from, to],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new ComputeServiceCredits(session.Context, p.GetValue(id)!, PeriodOptions.Read(p, from, to)), cancellationToken),
            (statement, _) => new CreditsDocument(
                statement.Performance.Contract.Value,
                InstantText.Format(statement.Performance.Period.Start),
                InstantText.Format(statement.Performance.Period.End),
                (long)statement.Performance.TotalBreach.TotalSeconds,
                statement.Performance.Breached,
                SupplierView.Money(statement.PeriodFee),
                SupplierView.Money(statement.Credit)),
            (statement, _, output) => output.WriteLine(SafeText.Escape(
                $"contract {statement.Performance.Contract}: {statement.Performance.Breached} breach(es), {InstantText.FormatDuration(statement.Performance.TotalBreach)} in all; credit {statement.Credit} of the period's fee {statement.PeriodFee}")),
            SupplierRecordCommands.Fields);
    }

    private static PerformanceDocument Document(SupplierPerformanceReport report) => new(
        report.Contract.Value,
        InstantText.Format(report.Period.Start),
        InstantText.Format(report.Period.End),
        InstantText.Format(report.At),
        report.Met,
        report.Breached,
        report.Pending,
        report.NotCovered,
        report.Attainment,
        (long)report.TotalBreach.TotalSeconds,
        [.. report.Waits.Select(w => new WaitDocument(
            w.Wait.Incident.ToString(),
            w.Wait.Priority.ToString(),
            InstantText.Format(w.Wait.From),
            w.Wait.Until is { } until ? InstantText.Format(until) : null,
            (long)w.Target.TotalSeconds,
            (long)w.Waited.TotalSeconds,
            (long)w.Breach.TotalSeconds,
            w.Outcome.ToString()))]);

    private static string Percent(double? attainment) => attainment is { } a ? a.ToString("P1", CultureInfo.InvariantCulture) : "(nothing decided yet)";
}
