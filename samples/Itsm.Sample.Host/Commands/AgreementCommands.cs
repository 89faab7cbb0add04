using System.CommandLine;
using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm agreement draft|review|sign|record-review|terminate|show|due-for-review</c>: service level agreements in versions against the host's
/// store, one library command or query per invocation.
/// </summary>
/// <remarks>
/// <c>draft</c> drafts a new agreement, or with <c>--agreement</c> a new version of a signed one; <c>review</c> submits the draft
/// for review; <c>sign</c> signs it for one side as <c>--actor</c> (the second side's signature puts it in force from the start of
/// its effective date). Exit codes: 2 a bad value, 4 an unknown agreement or service, 5 a refusal.
/// </remarks>
internal static class AgreementCommands
{
    /// <summary>The library's field names with the options that set them, for refusals.</summary>
    internal static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Agreement"] = "id",
        ["ExpectedVersion"] = "--expected-version",
        ["Title"] = "--title",
        ["Coverage"] = "--cover",
        ["Zone"] = "--zone",
        ["RetargetPolicy"] = "--retarget",
        ["ReviewIntervalMonths"] = "--review-months",
        ["Reason"] = "--reason",
        ["Party"] = "--side",
    };

    private static readonly Option<long?> ExpectedVersion = new("--expected-version") { Description = "Refuse (conflict) unless the agreement is still at this version, the one you looked at." };

    private static readonly Dictionary<string, AgreementParty> Sides = Enum.GetValues<AgreementParty>().ToDictionary(p => TypedOptions.Kebab(p.ToString()), p => p, StringComparer.OrdinalIgnoreCase);

    private static readonly LifecycleKind<AgreementId, AgreementReading> Kind = new(
        IdArgument,
        (session, id, cancellationToken) => session.Dispatcher.QueryAsync(new GetAgreement(session.Context, id), cancellationToken),
        (reading, session) => CatalogueView.Document(reading, session.Context.Tenant.Value),
        CatalogueView.Confirm,
        (result, session, error) => Refused(result, error, session),
        ExpectedVersion);

    /// <summary>Creates the <c>agreement</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var agreement = new Command("agreement", "Service level agreements in versions: draft, submit for review, sign by both sides, record reviews, terminate; the version in force at any instant; reviews due.");
        agreement.Subcommands.Add(CreateDraft());
        agreement.Subcommands.Add(Transition("review", "Submit the draft version for review.", "itsm agreement review ID", [], (c, id, _) => new SubmitAgreementForReview(c, id), "submitted for review"));
        var side = TypedOptions.Choice("--side", "provider or customer: the side you sign for.", Sides);
        agreement.Subcommands.Add(Transition("sign", "Sign the version under review for one side, as --actor; the second side's signature signs it.", "itsm agreement sign ID --side customer --actor acme-cio", [side], (c, id, p) => new SignAgreement(c, id, p.GetValue(side)), "signed"));
        var notes = new Option<string>("--notes") { Description = "What the review found.", Required = true };
        agreement.Subcommands.Add(Transition(
            "record-review", "Record a scheduled review of the signed agreement and what it found: the next review falls due the review interval after the review's local date.",
            "itsm agreement record-review ID --notes \"Targets still fit\"", [notes], (c, id, p) => new RecordAgreementReview(c, id, p.GetValue(notes)!), "reviewed"));
        var reason = new Option<string>("--reason") { Description = "Why the agreement is terminated.", Required = true };
        agreement.Subcommands.Add(Transition("terminate", "Terminate the agreement now: the version in force stops, later versions never come into force.", "itsm agreement terminate ID --reason \"Customer left\"", [reason], (c, id, p) => new TerminateAgreement(c, id, p.GetValue(reason)!), "terminated"));
        agreement.Subcommands.Add(CreateShow());
        agreement.Subcommands.Add(CreateDue());
        return agreement;
    }

    /// <summary>The agreement <c>id</c> argument, checked when the command line is parsed.</summary>
    internal static Argument<AgreementId> IdArgument() => TypedOptions.GuidArgument<AgreementId>(
        "The agreement's id, as printed by 'itsm agreement draft'.", "an agreement", "use the GUID printed by 'itsm agreement draft'.");

    /// <summary>Reports a refusal in one line; an unknown agreement says which tenant was asked.</summary>
    internal static int Refused(IResult result, TextWriter error, RecordSession session) =>
        ResultReport.Write(result, error, Fields, $"agreements belong to one tenant and this ran for tenant '{session.Context.Tenant}'.");

    private static Command CreateDraft()
    {
        var customer = TypedOptions.Text<CustomerId>("--customer", "The customer.", required: true);
        var title = new Option<string>("--title") { Description = "The version's one-line title.", Required = true };
        var cover = TypedOptions.Syntax("--cover", "The services and offerings agreed, SERVICE/OFFERING, comma-separated, such as payroll/gold.", ParseCoverage);
        var effective = TypedOptions.Syntax("--effective", "The local date (YYYY-MM-DD) from whose start the version is in force.", ParseDate);
        var zone = new Option<string>("--zone") { Description = "The IANA zone its dates are read in (a new agreement only).", DefaultValueFactory = _ => "UTC" };
        var months = new Option<int>("--review-months") { Description = "How often it is reviewed, in months.", DefaultValueFactory = _ => 12 };
        var retarget = new Option<string>("--retarget") { Description = "keep-starting-version or retarget: which version a running clock follows (a new agreement only).", DefaultValueFactory = _ => AgreementRetargetPolicy.KeepStartingVersion.Name };
        var of = TypedOptions.Guid<AgreementId>("--agreement", "Draft a new version of this signed agreement instead of a new agreement.");
        of.Required = false;
        var command = new Command("draft", "Draft an agreement with a customer over services and their offerings, or a new version of one.\n\nExample:\n  itsm agreement draft --customer acme-hr --title \"Payroll for HR\" --cover payroll/gold --effective 2027-03-01 --zone Europe/London");
        foreach (var option in new Option[] { customer, title, cover, effective, zone, months, retarget, of, ExpectedVersion, HostOptions.Json })
        {
            command.Options.Add(option);
        }

        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var draft = new DraftAgreement(session.Context, parseResult.GetValue(customer)!.Value, parseResult.GetValue(title)!, parseResult.GetValue(cover)!, parseResult.GetValue(effective))
            {
                Agreement = parseResult.GetResult(of) is null ? null : parseResult.GetValue(of),
                ExpectedVersion = parseResult.GetValue(ExpectedVersion),
                Zone = parseResult.GetValue(zone)!,
                ReviewIntervalMonths = parseResult.GetValue(months),
                RetargetPolicy = parseResult.GetValue(retarget)!,
            };
            var drafted = await session.Dispatcher.SendAsync(draft, cancellationToken).ConfigureAwait(false);
            if (!drafted.IsSuccess)
            {
                return ResultReport.Write(drafted, error, Fields);
            }

            var reading = await session.Dispatcher.QueryAsync(new GetAgreement(session.Context, drafted.Value.Record.Id), cancellationToken).ConfigureAwait(false);
            return reading.IsSuccess
                ? JsonOutput.Answer(parseResult, output, () => CatalogueView.Document(reading.Value, session.Context.Tenant.Value), () => CatalogueView.Confirm(output, "drafted", reading.Value))
                : ResultReport.Write(reading, error);
        }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = IdArgument();
        var at = TypedOptions.OptionalInstant("--in-force-at", "Show the version in force at this instant; now when omitted.");
        return OneRequest.Create(
            "show",
            "Show an agreement: its versions with their validity, signatures and the version in force.\n\nExample:\n  itsm agreement show ID --in-force-at 2027-04-01T00:00:00Z --json",
            [id, at],
            (session, p, cancellationToken) => session.Dispatcher.QueryAsync(new GetAgreement(session.Context, p.GetValue(id)) { At = p.GetValue(at) }, cancellationToken),
            (reading, session) => CatalogueView.Document(reading, session.Context.Tenant.Value),
            (reading, _, output) => CatalogueView.WriteDetails(output, reading),
            Fields);
    }

    private static Command CreateDue() => OneRequest.Create(
        "due-for-review",
        "List the agreements whose review is due, earliest first, overdue ones marked.\n\nExample:\n  itsm agreement due-for-review --json",
        [],
        (session, _, cancellationToken) => session.Dispatcher.QueryAsync(new ListAgreementsDueForReview(session.Context), cancellationToken),
        (due, _) => due.Select(d => new { agreement = d.Agreement.ToString(), customer = d.Customer.Value, title = d.Title, nextReviewOn = d.NextReviewOn.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), overdue = d.IsOverdue }).ToArray(),
        (due, _, output) =>
        {
            foreach (var d in due)
            {
                output.WriteLine($"{d.Agreement} {d.Customer} review due {d.NextReviewOn.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}{(d.IsOverdue ? " (overdue)" : string.Empty)}: {SafeText.Escape(d.Title)}");
            }
        },
        Fields);

    private static AgreementCoverage[] ParseCoverage(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(entry =>
        {
            var parts = entry.Split('/', StringSplitOptions.TrimEntries);
            var service = parts.Length == 2 ? Identifier.ParseText<ConfigurationItemId>(parts[0], "--cover") : null;
            return service is { IsSuccess: true } && parts[1].Length > 0
                ? new AgreementCoverage(service.Value, parts[1])
                : throw new InputException($"--cover: '{entry}' is not SERVICE/OFFERING, such as payroll/gold.");
        })];

    private static LocalDate ParseDate(string text) =>
        LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : throw new InputException($"--effective: '{text}' is not a date YYYY-MM-DD, such as 2027-03-01.");

    private static Command Transition(string name, string description, string example, Option[] options, Func<RequestContext, AgreementId, ParseResult, AgreementCommand> build, string done) =>
        Lifecycle.Create(Kind, name, description, example, options, (c, id, p) => build(c, id, p) with { ExpectedVersion = p.GetValue(ExpectedVersion) }, done);
}
