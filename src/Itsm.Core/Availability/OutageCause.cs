using Itsm.Core.Common;

namespace Itsm.Core.Availability;

/// <summary>What an outage is attributed to: the incident that reported the failure, or the change whose work took the item down.</summary>
/// <remarks>
/// Exactly one of <see cref="Incident"/> and <see cref="Change"/> is set: the constructor refuses both and neither. Immutable and
/// thread-safe; a class, so there is no <c>default</c>. An outage without a known cause has no <see cref="OutageCause"/> at all.
/// </remarks>
public sealed record OutageCause
{
    /// <summary>Creates a cause from exactly one of an incident and a change.</summary>
    /// <param name="incident">The incident, or null for a change.</param>
    /// <param name="change">The change, or null for an incident.</param>
    /// <exception cref="ArgumentException">Both or neither are given, or the one given is unassigned.</exception>
    public OutageCause(IncidentId? incident, ChangeId? change)
    {
        Preconditions.CheckArgument(incident is null != change is null, nameof(incident), "An outage cause is an incident or a change: give exactly one.");
        Preconditions.CheckArgument(incident is not { Value: var i } || i != Guid.Empty, nameof(incident), "The incident of an outage cause must be assigned.");
        Preconditions.CheckArgument(change is not { Value: var c } || c != Guid.Empty, nameof(change), "The change of an outage cause must be assigned.");
        Incident = incident;
        Change = change;
    }

    /// <summary>The incident that reported the failure, or null.</summary>
    public IncidentId? Incident { get; }

    /// <summary>The change whose work took the item out, or null.</summary>
    public ChangeId? Change { get; }

    /// <summary>An outage caused by what <paramref name="incident"/> reports.</summary>
    /// <exception cref="ArgumentException"><paramref name="incident"/> is unassigned.</exception>
    public static OutageCause OfIncident(IncidentId incident) => new(incident, null);

    /// <summary>An outage caused by the work of <paramref name="change"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="change"/> is unassigned.</exception>
    public static OutageCause OfChange(ChangeId change) => new(null, change);

    /// <summary>Returns <c>incident ID</c> or <c>change ID</c>.</summary>
    public override string ToString() => Incident is { } i ? $"incident {i}" : $"change {Change}";
}
