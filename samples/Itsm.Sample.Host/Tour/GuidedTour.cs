using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>
/// The guided tour: one small organisation taken through the ISO/IEC 20000 processes Itsm.Core
/// implements, every step a command or query sent through <see cref="IItsmDispatcher"/>, exactly
/// as a vendor's product would send them.
/// </summary>
/// <remarks>
/// <para>
/// The script runs in the tenant <see cref="Tenant"/> on a <see cref="SimulatedClock"/> that starts
/// on Thursday 25 March 2027 in London, the day before Good Friday: the Easter weekend brings two
/// bank holidays, a weekend and the change to British Summer Time (Sunday 28 March, 01:00 UTC)
/// within five days. Every figure printed comes from the library's answers; the outcome the tour
/// returns is read from those answers too, never from the script's expectations.
/// </para>
/// <para>One partial file per step. Not thread-safe: one tour, one request at a time.</para>
/// </remarks>
internal sealed partial class GuidedTour
{
    /// <summary>The tour's own tenant; nothing else in the store is read or written.</summary>
    public static readonly TenantId Tenant = TenantId.From("tour");

    /// <summary>The zone the organisation works in and every local time is shown in.</summary>
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>Where the simulated clock starts: Thursday 25 March 2027, 08:30 in London.</summary>
    public static readonly Instant Start = Local(3, 25, 8, 30);

    private static readonly ZonedDateTimePattern LocalPattern = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM HH:mm x", null);

    private readonly IServiceProvider services;
    private readonly IItsmDispatcher dispatcher;
    private readonly SimulatedClock clock;
    private readonly IAnsiConsole console;
    private readonly string store;
    private readonly Dictionary<IncidentId, string> incidentLabels = [];
    private readonly Dictionary<ChangeId, string> changeLabels = [];
    private TourOutcome outcome = new();
    private int step;

    /// <summary>Creates a tour over the services of one host invocation; <paramref name="store"/> says where the records go.</summary>
    public GuidedTour(IServiceProvider services, SimulatedClock clock, IAnsiConsole console, string store)
    {
        this.services = services;
        this.clock = clock;
        this.console = console;
        this.store = store;
        dispatcher = (IItsmDispatcher)services.GetService(typeof(IItsmDispatcher))!;
    }

    /// <summary>The step the tour is in (0 before the first), for error messages.</summary>
    public int CurrentStep => step;

    /// <summary>Runs every step in order and returns what the library's answers showed.</summary>
    /// <exception cref="TourStepException">A request the story relies on was refused.</exception>
    public async Task<TourOutcome> RunAsync(CancellationToken cancellationToken)
    {
        Introduce();
        await SeedAsync(cancellationToken).ConfigureAwait(false);
        await AnalyseImpactAsync(cancellationToken).ConfigureAwait(false);
        await RunIncidentsAsync(cancellationToken).ConfigureAwait(false);
        await RunChangesAsync(cancellationToken).ConfigureAwait(false);
        await RunReleasesAsync(cancellationToken).ConfigureAwait(false);
        await AuditConfigurationAsync(cancellationToken).ConfigureAwait(false);
        await ReportAsync(cancellationToken).ConfigureAwait(false);
        await RunProblemsAsync(cancellationToken).ConfigureAwait(false);
        await RunAvailabilityAsync(cancellationToken).ConfigureAwait(false);
        await RunSuppliersAsync(cancellationToken).ConfigureAwait(false);
        await RunCatalogueAsync(cancellationToken).ConfigureAwait(false);
        Summarise();
        return outcome;
    }

    /// <summary>The instant of a local date and time in London in 2027 (the script only uses unambiguous times).</summary>
    private static Instant Local(int month, int day, int hour, int minute) =>
        London.AtStrictly(new LocalDateTime(2027, month, day, hour, minute)).ToInstant();

    private static string Show(Instant instant) => LocalPattern.Format(instant.InZone(London));

    private static string Show(Instant? instant) => instant is { } value ? Show(value) : "-";

    private static string Show(Duration duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        var (hours, rest) = (minutes / 60, minutes % 60);
        return (hours, rest) switch
        {
            (0, _) => $"{rest}m",
            (_, 0) => $"{hours}h",
            _ => $"{hours}h{rest:00}m",
        };
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "-";

    private static RequestContext As(string user) => new(Tenant, UserId.From(user));

    private void Introduce()
    {
        console.Write(new FigletText("Itsm.Core").Color(Color.SteelBlue1));
        console.MarkupLine($"[bold]Guided tour[/] of Itsm.Core {Markup.Escape(HostApplication.Version)}: ISO/IEC 20000 service management as a library.");
        console.MarkupLine(Markup.Escape($"Every step below is a MediatR command or query sent through IItsmDispatcher, as your product would send it. "
            + $"The records go to tenant '{Tenant}' of {store}; the clock is simulated and starts at {Show(clock.GetCurrentInstant())} (Europe/London)."));
        console.WriteLine();
    }

    /// <summary>Prints a step heading with what it demonstrates and why a practitioner cares.</summary>
    private void Heading(string title, string demonstrates)
    {
        step++;
        console.WriteLine();
        console.Write(new Rule($"[bold yellow]Step {step}. {Markup.Escape(title)}[/]").LeftJustified());
        console.MarkupLine($"[italic]{Markup.Escape(demonstrates)}[/]");
        console.WriteLine();
    }

    /// <summary>Moves the simulated clock; says so when there is a reason worth reading.</summary>
    private void AdvanceTo(Instant instant, string? why = null)
    {
        clock.AdvanceTo(instant);
        if (why is not null)
        {
            console.MarkupLine($"[grey]-- clock moves to {Markup.Escape(Show(instant))}: {Markup.Escape(why)}[/]");
        }
    }

    /// <summary>Prints one event of the story, stamped with the simulated local time.</summary>
    private void Note(string text) =>
        console.MarkupLine($"[grey]{Markup.Escape(Show(clock.GetCurrentInstant()))}[/]  {Markup.Escape(text)}");

    /// <summary>Sends a command the story relies on; a refusal stops the tour with the library's message.</summary>
    private async Task<T> SendAsync<T>(ICommand<Result<T>> command, CancellationToken cancellationToken)
    {
        var result = await dispatcher.SendAsync(command, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? result.Value : throw Failed(command, result);
    }

    private async Task SendAsync(ICommand<Result> command, CancellationToken cancellationToken)
    {
        var result = await dispatcher.SendAsync(command, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw Failed(command, result);
        }
    }

    private async Task<T> QueryAsync<T>(IQuery<Result<T>> query, CancellationToken cancellationToken)
    {
        var result = await dispatcher.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? result.Value : throw Failed(query, result);
    }

    private static TourStepException Failed(object request, IResult result) => Failed(request.GetType().Name, result);

    private static TourStepException Failed(string what, IResult result) => new($"{what} was refused: {result.Status}: {result.Message}");

    private void Summarise()
    {
        console.WriteLine();
        console.Write(new Rule("[bold yellow]What you just saw[/]").LeftJustified());
        console.MarkupLine("[italic]Each line is read back from the library's answers above; the sample host's tests hold the tour to them.[/]");
        var table = new Table().AddColumns("outcome", "shown");
        void Row(string what, bool shown) => table.AddRow(Markup.Escape(what), shown ? "[green]yes[/]" : "[red]NO[/]");
        Row("one failed node leaves the 2-of-3 cluster degraded", outcome.ClusterDegradedByOneNode);
        Row("two failed nodes take the cluster and its services down", outcome.ClusterDownByTwoNodes);
        Row($"the core switch takes {outcome.ServicesDownBySwitch} business services down", outcome.ServicesDownBySwitch > 0);
        Row("a VIP caller raises the priority", outcome.VipRaisedPriority);
        Row("the major incident is P1", outcome.MajorIncidentIsP1);
        Row("an SLA breach is recorded and reported", outcome.BreachHappened);
        Row("the requester may not approve their own change", outcome.SelfApprovalRefused);
        Row("a blackout window raises the change risk", outcome.BlackoutRaisedRisk);
        Row($"the firmware release is refused in the freeze ({string.Join(", ", outcome.ReleaseRefusedCriteria)}), accepted for the next window, deployed and audited clean", outcome.ReleaseAcceptedForNextWindow && outcome.ReleaseDeploymentAuditClean);
        Row("a second release's rollback is verified against its before-baseline", outcome.SecondReleaseRollbackVerified);
        Row("the audit finds the unauthorised change", outcome.UnauthorisedChangeFound);
        Row("the audit explains the authorised change by its change record", outcome.AuthorisedChangeExplained);
        Row($"the service reports count all {outcome.OpenedIncidents} incidents ({outcome.ReportedIncidents} reported)", outcome.ReportedIncidents == outcome.OpenedIncidents && outcome.OpenedIncidents > 0);
        Row($"{outcome.CandidateIncidents} incidents on two services are one problem candidate behind {outcome.CandidateSharedItem}", outcome.CandidateSharedItem is not null);
        Row($"the workaround reaches {outcome.WorkaroundReached} incidents once; a second push reaches {outcome.SecondPushReached}", outcome.WorkaroundReached > 0 && outcome.SecondPushReached == 0);
        Row($"the storage contract fails from {(outcome.StorageContractFirstFailure is { } failing ? ShowSecond(failing) : "-")}; its revision underpins payroll's SLA", outcome.StorageContractUnderpins == false && outcome.RevisedStorageContractUnderpins == true);
        Row($"the transition gate refuses payroll for {string.Join(", ", outcome.GateRefusedFor)}, then takes it live", outcome.GateRefusedFor.Count > 0 && outcome.PayrollWentLive);
        Row($"a request approved in two stages is promised for {Show(outcome.RequestPromised)} across two teams' calendars, and {outcome.RequestFinalState ?? "not closed"}", outcome.SelfApprovalOfRequestRefused && outcome.RequestFinalState == "closed");
        Row("March's report of payroll is written as an HTML page", outcome.MarchReportPage is not null);
        console.Write(table);
        var embedded = store.EndsWith("itsm.db", StringComparison.Ordinal);
        var explore = embedded
            ? $"itsm incident list --data-dir {Path.GetDirectoryName(store)} --tenant {Tenant}"
            : $"itsm incident list --postgres ... --tenant {Tenant}";
        var again = embedded ? "Run the tour again to start over." : "To run it again, point --postgres at a fresh database.";
        console.MarkupLine(Markup.Escape($"The records stay in {store}: explore them with '{explore}' (every command: 'itsm --help'). {again}"));
    }
}
