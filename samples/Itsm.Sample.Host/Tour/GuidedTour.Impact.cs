using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Spectre.Console;

namespace Itsm.Sample.Host.Tour;

/// <summary>Step 2: impact analysis over the CMDB, with the path that explains each impacted service.</summary>
internal sealed partial class GuidedTour
{
    private async Task AnalyseImpactAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Impact analysis: what breaks when the infrastructure fails",
            "Demonstrates impact analysis with k-of-n redundancy and explained paths; why it matters: you see what a failure breaks, and why.");
        var engineer = As("ivan.infra");

        var oneNode = await AnalyseAsync(engineer, "One cluster node fails", [Esx02], cancellationToken).ConfigureAwait(false);
        var twoNodes = await AnalyseAsync(engineer, "A second node fails", [Esx02, Esx03], cancellationToken).ConfigureAwait(false);
        var core = await AnalyseAsync(engineer, "Instead, the core switch fails", [CoreSwitch], cancellationToken).ConfigureAwait(false);

        outcome = outcome with
        {
            ClusterDegradedByOneNode = oneNode.StateOf(Cluster) == ImpactState.Degraded,
            ClusterDownByTwoNodes = twoNodes.StateOf(Cluster) == ImpactState.Down,
            ServicesDownBySwitch = core.ImpactedServices.Count(s => s.State == ImpactState.Down),
        };
        console.MarkupLine(Markup.Escape(
            $"cl-prod needs at least 2 of its 3 members: one node down leaves it {oneNode.StateOf(Cluster)}, two take it {twoNodes.StateOf(Cluster)}; "
            + $"the core switch is a single point of failure for {outcome.ServicesDownBySwitch} of the {Services.Length} business services."));
    }

    private async Task<ImpactResult> AnalyseAsync(RequestContext context, string title, ConfigurationItemId[] failed, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(new AnalyseImpact(context, failed), cancellationToken).ConfigureAwait(false);
        var tree = new Tree($"[bold]{Markup.Escape(title)}[/]: {Markup.Escape(string.Join(" + ", failed))} failed -> cluster cl-prod {StateMarkup(result.StateOf(Cluster))}, "
            + $"{result.DownCount} item(s) down, {result.DegradedCount} degraded");
        foreach (var service in result.ImpactedServices)
        {
            var node = tree.AddNode($"{StateMarkup(service.State)} [bold]{Markup.Escape(service.Id.ToString())}[/] ({service.Criticality} criticality)");
            var path = result.Explain(service.Id).Factors;
            for (var i = 0; i < path.Length; i++)
            {
                var stepText = i == 0
                    ? $"{Markup.Escape(path[i].Id.ToString())} failed"
                    : $"{Markup.Escape(path[i].Id.ToString())} {StateMarkup(path[i].State)} [grey]({Markup.Escape(path[i].Relationship ?? string.Empty)})[/]";
                node = node.AddNode(stepText);
            }
        }

        if (result.ImpactedServices.Count == 0)
        {
            tree.AddNode("no business service impacted");
        }

        console.Write(tree);
        console.WriteLine();
        return result;
    }

    /// <summary>The relationship that carried the impact, read the way it was recorded: "vm-payroll-01 hosted on cl-prod".</summary>
    private static string StateMarkup(ImpactState state) => state switch
    {
        ImpactState.Down => "[red]DOWN[/]",
        ImpactState.Degraded => "[yellow]DEGRADED[/]",
        _ => "[green]UP[/]",
    };
}
