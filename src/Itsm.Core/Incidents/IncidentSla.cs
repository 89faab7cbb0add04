using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

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
/// <param name="Agreement">
/// The agreement whose version in force sets the targets instead of <paramref name="Targets"/>, or null when none covers the
/// service (then the definition's targets apply). The definition still names the calendar, thresholds and pausing states.
/// </param>
public sealed record IncidentSla(
    SlaDefinitionId Definition,
    CalendarId Calendar,
    ImmutableSortedDictionary<int, SlaTargets> Targets,
    ImmutableArray<int> WarningThresholds,
    ImmutableSortedSet<string> PausingStates,
    SlaRetargetPolicy RetargetPolicy,
    AgreementTargets? Agreement = null)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>The terms of <paramref name="definition"/>, with the targets of <paramref name="agreement"/> when one governs.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static IncidentSla From(SlaDefinition definition, AgreementTargets? agreement = null)
    {
        Preconditions.CheckNotNull(definition);
        return new IncidentSla(definition.Id, definition.Calendar, definition.Targets, definition.WarningThresholds, definition.PausingStates, definition.RetargetPolicy, agreement);
    }

    /// <summary>
    /// The targets for priority <paramref name="rank"/> at <paramref name="at"/> of a clock started at
    /// <paramref name="clockStarted"/>: the governing agreement version's (<see cref="ServiceLevelTargetResolver.TargetsFor"/>),
    /// or the definition's when no agreement governs; null when the source has none for the rank.
    /// </summary>
    public SlaTargets? TargetsAt(Instant clockStarted, Instant at, int rank) => ServiceLevelTargetResolver.TargetsFor(Agreement, Targets, clockStarted, at, rank);

    /// <summary>The agreement version whose targets a clock started at <paramref name="clockStarted"/> runs under at <paramref name="at"/>, or null when the definition's do.</summary>
    public AgreementTargetPeriod? VersionAt(Instant clockStarted, Instant at) => Agreement?.Governing(clockStarted, at);

    /// <summary>Names where the targets at <paramref name="at"/> come from, for explanations: <c>agreement … version 2 (gold)</c> or <c>SLA definition 'x'</c>.</summary>
    public string SourceAt(Instant clockStarted, Instant at) =>
        VersionAt(clockStarted, at) is { } version ? $"agreement {Agreement!.Agreement} {version}, {Agreement.Policy}" : $"SLA definition '{Definition}'";

    /// <summary>True when a hold for <paramref name="reason"/> pauses the resolution clock.</summary>
    public bool PausesOn(HoldReason reason) => PausingStates.Any(name => !string.IsNullOrWhiteSpace(name) && SlaPause.Named(name).PausesOn(reason));
}
