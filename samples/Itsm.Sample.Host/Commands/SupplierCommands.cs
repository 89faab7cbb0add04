using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;
using Itsm.Core.Suppliers;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm supplier underpin</c>: does a supplier's (or internal group's) target, counted on its own
/// calendar from the hand-off, fit inside the SLA's target for every start in a period? Exact, to
/// the second (see <see cref="UnderpinningChecker"/>). Exit 0 when it underpins, 6 when it does not,
/// 2 on bad input.
/// </summary>
internal static class SupplierCommands
{
    /// <summary>Creates the <c>supplier</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var command = new Command("supplier", "Supplier management: suppliers and internal groups, their underpinning contracts and OLAs, notice deadlines, supplier performance, service credits, and whether a chain underpins an SLA target.");
        command.Subcommands.Add(SupplierRecordCommands.CreateRegister());
        command.Subcommands.Add(SupplierRecordCommands.CreateRevise());
        command.Subcommands.Add(SupplierRecordCommands.CreateContract());
        ContractCommands.AddTo(command);
        SupplierMeasureCommands.AddTo(command);
        command.Subcommands.Add(CreateUnderpin());
        return command;
    }

    private static Command CreateUnderpin()
    {
        var slaCalendar = new Option<FileInfo>("--sla-calendar") { Description = "The SLA's calendar JSON file (as for calendar due).", Required = true };
        var slaTarget = DurationOptions.Create("--sla-target", "The SLA target in business time on its calendar, such as 8h, 90m or 2d (d is 24 hours of business time).");
        var ucCalendar = new Option<FileInfo>("--uc-calendar") { Description = "The supplier's (or internal group's) calendar JSON file.", Required = true };
        var ucTarget = DurationOptions.Create("--uc-target", "The supplier's target in business time on its calendar, counted from the hand-off.");
        var handoff = DurationOptions.Create("--handoff", "Business time on the SLA's calendar before the incident is handed on (to the internal group with --ola-calendar, else to the supplier; default 0m).", "0m");
        var olaCalendar = new Option<FileInfo?>("--ola-calendar") { Description = "The internal group's calendar JSON file, for a chain of three links: SLA, then the group's OLA, then the supplier." };
        var olaHandoff = DurationOptions.Optional("--ola-handoff", "Business time on the OLA's calendar the internal group holds the incident before handing it to the supplier (needs --ola-calendar).");
        var (from, to) = PeriodOptions.Create("The first start instant checked.");
        var command = new Command(
            "underpin",
            "Decide exactly, for every start second in [from, to), whether UC.Add(SLA.Add(start, handoff), ucTarget) <= SLA.Add(start, slaTarget) (through OLA.Add(_, olaHandoff) first with --ola-calendar). Prints the earliest failing start with both deadlines, the worst shortfall and every run of failing starts. Exit 0 when it underpins, 6 when it does not, 2 on bad input.\n\n"
            + "Example:\n  itsm supplier underpin --sla-calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --sla-target 8h --uc-calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --uc-target 6h --handoff 30m --from 2027-01-01T00:00:00Z --to 2028-01-01T00:00:00Z");
        foreach (var option in new Option[] { slaCalendar, slaTarget, ucCalendar, ucTarget, handoff, olaCalendar, olaHandoff, from, to, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommandRunner.RunAsync(error, () =>
            {
                var sla = CalendarFile.Load(parseResult.GetValue(slaCalendar)!);
                var uc = CalendarFile.Load(parseResult.GetValue(ucCalendar)!);
                var ola = parseResult.GetValue(olaCalendar) is { } olaFile ? CalendarFile.Load(olaFile) : null;
                if (ola is null && parseResult.GetValue(olaHandoff) is not null)
                {
                    throw new InputException("--ola-handoff: an OLA hand-off needs the internal group's calendar; give --ola-calendar too.");
                }

                var chain = ola is null
                    ? UnderpinningChain.Create(sla, parseResult.GetValue(slaTarget), parseResult.GetValue(handoff), uc, parseResult.GetValue(ucTarget))
                    : UnderpinningChain.CreateThroughOla(sla, parseResult.GetValue(slaTarget), parseResult.GetValue(handoff), ola, parseResult.GetValue(olaHandoff) ?? Duration.Zero, uc, parseResult.GetValue(ucTarget));
                if (!chain.IsSuccess)
                {
                    return Task.FromResult(ResultReport.Write(chain, error, Options));
                }

                var checkedReport = UnderpinningChecker.Check(chain.Value, PeriodOptions.Read(parseResult, from, to));
                if (!checkedReport.IsSuccess)
                {
                    return Task.FromResult(ResultReport.Write(checkedReport, error, Options));
                }

                var report = checkedReport.Value;
                JsonOutput.Answer(parseResult, output, () => Document(report), () => Print(output, report, sla.Zone, uc.Zone));

                // Exit 6, as store verify's "inconsistent": the check ran and found the chain wanting.
                return Task.FromResult(report.Underpins ? ExitCodes.Ok : ExitCodes.Inconsistent);
            });
        });
        return command;
    }

    private static readonly Dictionary<string, string> Options = new()
    {
        ["SlaTarget"] = "--sla-target",
        ["Handoff"] = "--handoff",
        ["UcTarget"] = "--uc-target",
        ["OlaHandoff"] = "--ola-handoff",
        ["Period"] = "--from/--to",
    };

    /// <summary>The <c>--json</c> document of the issue: instants as ISO-8601 UTC with Z, the shortfall in seconds.</summary>
    private static UnderpinJson Document(UnderpinningReport report) => new(
        report.Underpins,
        report.FirstFailure is { } f ? new FindingJson(Utc(f.Start), Utc(f.SlaDue), Utc(f.UcDue), null) : null,
        report.WorstShortfall is { } w ? new FindingJson(Utc(w.Start), Utc(w.SlaDue), Utc(w.UcDue), (long)w.Shortfall.TotalSeconds) : null,
        [.. report.FailingIntervals.Select(r => new[] { Utc(r.First), Utc(r.Last) })]);

    private static void Print(TextWriter output, UnderpinningReport report, DateTimeZone slaZone, DateTimeZone ucZone)
    {
        var period = $"{InstantText.Format(report.Period.Start)} to {InstantText.Format(report.Period.End)}";
        if (report.Underpins)
        {
            output.WriteLine($"underpins: every start from {period} is due on the supplier's calendar no later than the SLA ({report.Breakpoints} breakpoints examined)");
            output.Flush();
            return;
        }

        var first = report.FirstFailure!;
        var worst = report.WorstShortfall!;
        output.WriteLine($"does not underpin: {report.FailingIntervals.Length} run(s) of failing starts in {period}");
        output.WriteLine($"first failing start  {InstantText.Format(first.Start)}  ({InstantText.FormatLocal(first.Start, slaZone)})");
        output.WriteLine($"  SLA due            {InstantText.Format(first.SlaDue)}  ({InstantText.FormatLocal(first.SlaDue, slaZone)})");
        output.WriteLine($"  supplier due       {InstantText.Format(first.UcDue)}  ({InstantText.FormatLocal(first.UcDue, ucZone)})  {InstantText.FormatDuration(first.Shortfall)} late");
        output.WriteLine($"worst shortfall      {InstantText.FormatDuration(worst.Shortfall)} for a start at {InstantText.Format(worst.Start)} ({InstantText.FormatLocal(worst.Start, slaZone)})");
        foreach (var run in report.FailingIntervals.Take(20))
        {
            output.WriteLine($"  fails {InstantText.Format(run.First)} .. {InstantText.Format(run.Last)}  ({InstantText.FormatLocal(run.First, slaZone)} .. {InstantText.FormatLocal(run.Last, slaZone)})");
        }

        if (report.FailingIntervals.Length > 20)
        {
            output.WriteLine($"  ... {report.FailingIntervals.Length - 20} more (use --json for all)");
        }

        output.Flush();
    }

    private static string Utc(Instant instant) => InstantText.Format(instant);

    private sealed record FindingJson(string Start, string SlaDue, string UcDue, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] long? Shortfall);

    private sealed record UnderpinJson(bool Underpins, FindingJson? FirstFailure, FindingJson? WorstShortfall, string[][] FailingStarts);
}
