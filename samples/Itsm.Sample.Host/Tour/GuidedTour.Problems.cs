using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using NodaTime;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>The last step: repeated incidents on two services with a shared upstream cause become one problem candidate, a problem, a known error and a pushed workaround.</summary>
internal sealed partial class GuidedTour
{
    private static readonly ConfigurationItemId BankingDbVm = ConfigurationItemId.From("vm-bank-db-01");

    private async Task RunProblemsAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Problem management: one cause behind many incidents",
            "Demonstrates problem candidates from the CMDB's topology, known errors and a workaround pushed once to every open incident; why it matters: the pattern is found from what the incidents share in the CMDB, not from their words.");
        var desk = As("sam.servicedesk");
        var manager = As("pia.problems");
        var from = clock.GetCurrentInstant();
        var opened = new List<IncidentId>();
        foreach (var (service, item, title) in new[]
        {
            (Payroll, PayrollVm, "Payroll screens freeze"),
            (OnlineBanking, BankingDbVm, "Online banking times out"),
            (Payroll, PayrollVm, "Payroll export hangs"),
        })
        {
            AdvanceTo(clock.GetCurrentInstant() + Duration.FromMinutes(7));
            var incident = await SendAsync(new OpenIncident(desk, title, service, 2, 2, UserId.From("caller")) { AffectedItem = item, Category = "storage" }, cancellationToken).ConfigureAwait(false);
            opened.Add(incident.Record.Id);
            Note($"{title} ({service}, on {item})");
        }

        var search = await QueryAsync(new FindProblemCandidates(manager, new Interval(from, clock.GetCurrentInstant() + Duration.FromMinutes(1)), Duration.FromHours(1), 3), cancellationToken).ConfigureAwait(false);
        var candidate = search.Candidates.FirstOrDefault();
        if (candidate is null)
        {
            console.MarkupLine("[red]no problem candidate found[/]");
            return;
        }

        var tree = new Tree($"[bold]candidate[/]: {candidate.Incidents.Length} incidents share [bold]{Markup.Escape(candidate.SharedItem.ToString())}[/]");
        foreach (var line in candidate.Explanation)
        {
            tree.AddNode(Markup.Escape(line));
        }

        console.Write(tree);
        console.MarkupLine(Markup.Escape($"Both VMs are hosted on cl-prod and use san-01; the candidate names the nearest item every incident depends on ({candidate.SharedItem}), and the investigation looks there first."));
        AdvanceTo(clock.GetCurrentInstant() + Duration.FromMinutes(10), "the problem manager logs the problem");
        var problem = (await SendAsync(new LogProblem(manager, "Payroll and banking stall together", Payroll, 2, 2) { Items = [candidate.SharedItem], Category = "storage" }, cancellationToken).ConfigureAwait(false)).Record.Id;
        foreach (var incident in candidate.Incidents)
        {
            await SendAsync(new LinkIncidentToProblem(manager, incident, problem), cancellationToken).ConfigureAwait(false);
        }

        await SendAsync(new InvestigateProblem(manager, problem), cancellationToken).ConfigureAwait(false);
        AdvanceTo(clock.GetCurrentInstant() + Duration.FromMinutes(45), "the storage team finds the cause");
        await SendAsync(new RecordRootCause(manager, problem, "The array's controller A drops its write cache under load"), cancellationToken).ConfigureAwait(false);
        await SendAsync(new RecordWorkaround(manager, problem, "Fail the array over to controller B"), cancellationToken).ConfigureAwait(false);
        var published = await SendAsync(new PublishKnownError(manager, problem, "Screens freeze or time out on services that use the storage array"), cancellationToken).ConfigureAwait(false);
        Note($"problem {problem}: {published.Record.State}; known error {published.Record.KnownError} published");
        var first = await SendAsync(new PushWorkaround(manager, problem), cancellationToken).ConfigureAwait(false);
        var again = await SendAsync(new PushWorkaround(manager, problem), cancellationToken).ConfigureAwait(false);
        Note($"workaround pushed: {first.Record.Reached.Length} incident(s) noted; pushed again: {again.Record.Reached.Length}");
        outcome = outcome with
        {
            CandidateSharedItem = candidate.SharedItem.ToString(),
            CandidateIncidents = candidate.Incidents.Length,
            WorkaroundReached = first.Record.Reached.Length,
            SecondPushReached = again.Record.Reached.Length,
        };
    }
}
