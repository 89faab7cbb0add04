using System.CommandLine;
using Itsm.Core.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Tour;

/// <summary>
/// <c>itsm</c> with no arguments, or <c>itsm tour</c>: the guided tour of Itsm.Core. It runs a small
/// organisation through the library's commands and queries in the tour's own tenant
/// (<see cref="GuidedTour.Tenant"/>) of the store in <c>--data-dir</c>, on a simulated clock.
/// </summary>
/// <remarks>
/// The tour never touches the host's own records: it keeps them in an embedded store of its own
/// (see <see cref="TourTenant"/>). They stay there after it finishes, to be looked at with the
/// other subcommands; a second run (or <c>--reset</c>) deletes that store and starts over. On
/// PostgreSQL, whose tenant cannot be wiped, a second run stops and says what to do instead.
/// </remarks>
internal static class TourCommand
{
    /// <summary>Wipes the tour's tenant before running.</summary>
    public static readonly Option<bool> Reset = new("--reset")
    {
        Description = $"Delete the tour's own store (tenant '{GuidedTour.Tenant}' in DATA_DIR/tour/itsm.db) before running; the host's other records are not touched.",
    };

    /// <summary>What the tour is, for help texts.</summary>
    public const string Description =
        "Guided tour (the default when no command is given): a small organisation run through CMDB impact analysis, incidents and SLAs, "
        + "changes, baselines and audit, and the monthly service report, on a simulated clock.\n\n"
        + "Example:\n  itsm tour --data-dir /tmp/itsm --reset";

    /// <summary>Creates the <c>tour</c> command.</summary>
    public static Command Create()
    {
        var tour = new Command("tour", Description);
        tour.Options.Add(Reset);
        tour.SetAction(InvokeAsync);
        return tour;
    }

    /// <summary>The action of <c>itsm</c> and <c>itsm tour</c>: runs the tour and returns the exit code.</summary>
    public static async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var run = await RunAsync(parseResult, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        return run.ExitCode;
    }

    /// <summary>
    /// Runs the tour over the store selected by <paramref name="parseResult"/>, printing to
    /// <paramref name="output"/>; returns the exit code and, when the tour ran, what it demonstrated.
    /// </summary>
    public static async Task<TourRun> RunAsync(ParseResult parseResult, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var reset = parseResult.GetValue(Reset);
        if (!reset && !TourTenant.UsesPostgres(parseResult) && TourTenant.HasStoreFile(parseResult))
        {
            // The embedded store is the tour's alone, so a second run can start over without asking:
            // running the README's first command twice must work.
            await error.WriteLineAsync(
                $"note: starting the tour over; {TourTenant.Describe(parseResult)} held an earlier run (the tour's own store: the host's records are not touched).").ConfigureAwait(false);
            reset = true;
        }

        if (reset && TourTenant.Reset(parseResult) is { } refusal)
        {
            await error.WriteLineAsync($"error: {refusal}").ConfigureAwait(false);
            return new TourRun(ExitCodes.Refused, null);
        }

        var clock = new SimulatedClock(GuidedTour.Start);
        var services = HostStore.CreateServices(TourTenant.ForTourStore(parseResult), clock);
        await using (services.ConfigureAwait(false))
        {
            var store = TourTenant.Describe(parseResult);
            var dispatcher = services.GetRequiredService<IItsmDispatcher>();
            if (await TourTenant.HasRecordsAsync(dispatcher, cancellationToken).ConfigureAwait(false))
            {
                await error.WriteLineAsync(
                    $"error: the tour's tenant '{GuidedTour.Tenant}' in {store} already holds the records of an earlier run. "
                    + "Itsm.Core cannot purge a tenant (the audit log is append-only): point --postgres at a fresh database to run the tour again.").ConfigureAwait(false);
                return new TourRun(ExitCodes.Refused, null);
            }

            // The tour's tables fit a classic 80-column terminal like every other command's, cells wrapped between words.
            var console = TableConsole.Create(output);

            var tour = new GuidedTour(services, clock, console, store);
            try
            {
                var outcome = await tour.RunAsync(cancellationToken).ConfigureAwait(false);
                return new TourRun(ExitCodes.Ok, outcome);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A refused request or a store fault: one line that says where the story stopped, not a stack trace.
                await error.WriteLineAsync($"error: the tour stopped in step {tour.CurrentStep}: {exception.Message}").ConfigureAwait(false);
                return new TourRun(ExitCodes.Fault, null);
            }
        }
    }
}

/// <summary>The result of one tour run: the exit code and, when the tour ran to the end, its outcome.</summary>
/// <param name="ExitCode">The host exit code.</param>
/// <param name="Outcome">What the tour demonstrated, or null when it did not run to the end.</param>
internal sealed record TourRun(int ExitCode, TourOutcome? Outcome);

/// <summary>A library request the tour relies on failed: the tour cannot tell its story and stops.</summary>
internal sealed class TourStepException(string message) : Exception(message);
