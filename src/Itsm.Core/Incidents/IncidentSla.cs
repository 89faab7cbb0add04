using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Incidents;

/// <summary>
/// The service level terms an incident was opened under, copied from the SLA definition at open
/// time so that a later edit of the definition does not rewrite the promise made to this caller.
/// </summary>
/// <param name="Definition">The SLA definition that applied.</param>
/// <param name="Calendar">The business calendar its targets are measured on.</param>
/// <param name="Targets">Response and resolution targets per priority rank.</param>
/// <param name="WarningThresholds">Warning percentages.</param>
/// <param name="PausingStates">The names of the <see cref="SlaPause"/> conditions that pause the resolution clock (their stored form): <c>OnHold</c> pauses on any hold; <c>AwaitingCustomer</c> or <c>AwaitingSupplier</c> pause on that reason only.</param>
/// <param name="RetargetPolicy">What a priority change does to running clocks.</param>
public sealed record IncidentSla(
    SlaDefinitionId Definition,
    CalendarId Calendar,
    ImmutableSortedDictionary<int, SlaTargets> Targets,
    ImmutableArray<int> WarningThresholds,
    ImmutableSortedSet<string> PausingStates,
    SlaRetargetPolicy RetargetPolicy)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>The terms of <paramref name="definition"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static IncidentSla From(SlaDefinition definition)
    {
        Preconditions.CheckNotNull(definition);
        return new IncidentSla(definition.Id, definition.Calendar, definition.Targets, definition.WarningThresholds, definition.PausingStates, definition.RetargetPolicy);
    }

    /// <summary>True when a hold for <paramref name="reason"/> pauses the resolution clock.</summary>
    public bool PausesOn(HoldReason reason) => PausingStates.Any(name => !string.IsNullOrWhiteSpace(name) && SlaPause.Named(name).PausesOn(reason));
}
