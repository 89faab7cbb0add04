using System.CommandLine;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm calendar due|between|show</c>: questions about a business calendar file, so vendors can
/// check the engine's answers against their own tool (<see cref="CalendarBatchCommands"/>,
/// <see cref="CalendarShowCommand"/>); <c>itsm calendar define</c> stores one for SLAs.
/// </summary>
internal static class CalendarCommands
{
    /// <summary>Creates the <c>calendar</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var command = new Command("calendar", "Business calendars: due instants, business time between instants, working intervals.");
        command.Subcommands.Add(CalendarBatchCommands.CreateDue());
        command.Subcommands.Add(CalendarBatchCommands.CreateBetween());
        command.Subcommands.Add(CalendarShowCommand.Create());
        command.Subcommands.Add(CreateDefine());
        return command;
    }

    /// <summary>The <c>--calendar</c> option naming a calendar JSON file.</summary>
    internal static Option<FileInfo> CalendarOption() => new("--calendar")
    {
        Description = "The calendar JSON file (see docs/calendars-and-slas.md).",
        Required = true,
    };

    /// <summary>
    /// <c>calendar define</c>: stores a calendar file in the tenant's records under an id (the file
    /// name without extension unless <c>--id</c> says otherwise), so SLA definitions can name it.
    /// </summary>
    private static Command CreateDefine()
    {
        var calendarOption = CalendarOption();
        var idOption = new Option<string?>("--id") { Description = "The calendar's id in the store; the file name without its extension when omitted." };
        var command = new Command(
            "define",
            "Store a calendar file in the tenant's records, so SLA definitions can measure business time on it. The id defaults to the file name without its extension; a taken id is a conflict.\n\n"
            + "Example:\n  itsm calendar define --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --tenant acme\n  (stores it as 'uk-office-hours')");
        command.Options.Add(calendarOption);
        command.Options.Add(idOption);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) =>
            RecordSession.RunAsync(parseResult, async (output, error) =>
            {
                var file = parseResult.GetValue(calendarOption)!;
                var definition = CalendarFile.ReadDefinition(file);
                var idText = parseResult.GetValue(idOption) ?? Path.GetFileNameWithoutExtension(file.Name);
                var id = Parsed.Value(CalendarId.Parse(idText, "--id"));
                await using var session = RecordSession.Open(parseResult);
                var defined = await session.Dispatcher.SendAsync(new DefineCalendar(session.Context, id, definition), cancellationToken).ConfigureAwait(false);
                if (!defined.IsSuccess)
                {
                    return ResultReport.Write(defined, error, new Dictionary<string, string> { ["Id"] = "--id", ["Definition"] = "--calendar" });
                }

                var tenant = session.Context.Tenant.Value;
                return JsonOutput.Answer(
                    parseResult,
                    output,
                    () => new CalendarDefinedDocument(tenant, id.Value, definition.Name, definition.Zone.Id),
                    () => output.WriteLine(SafeText.Escape($"defined calendar '{id}' ({definition.Name}, {definition.Zone.Id}) for tenant '{tenant}'")));
            }));
        return command;
    }
}

/// <summary>The document of <c>itsm calendar define --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Id">The calendar's id in the store.</param>
/// <param name="Name">The calendar's name.</param>
/// <param name="TimeZone">Its IANA time zone.</param>
internal sealed record CalendarDefinedDocument(string Tenant, string Id, string Name, string TimeZone);
