using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.ServiceCatalogue;

/// <summary>Where a service is in the catalogue: Pipeline -> InTransition -> Live -> Retiring -> Retired.</summary>
/// <remarks><c>default</c> is <see cref="Pipeline"/>. See <see cref="ServiceLifecycle.Table"/>.</remarks>
public enum ServiceStatus
{
    /// <summary>Being designed; not offered yet.</summary>
    Pipeline = 0,

    /// <summary>Being transitioned into operation; it goes live only through the acceptance gate.</summary>
    InTransition = 1,

    /// <summary>Live: offered to its customers.</summary>
    Live = 2,

    /// <summary>Being withdrawn: still delivered to existing customers, no longer offered to new ones.</summary>
    Retiring = 3,

    /// <summary>Retired: final.</summary>
    Retired = 4,
}

/// <summary>The transitions of a catalogue service after its definition, one per kind of history event.</summary>
/// <remarks><c>default</c> is <see cref="Revise"/>. See <see cref="ServiceLifecycle.Table"/> for where each is allowed.</remarks>
public enum ServiceTransition
{
    /// <summary>Revise the profile: name, description, owner, customers, calendars (<see cref="ServiceRevised"/>).</summary>
    Revise = 0,

    /// <summary>Add an offering (<see cref="ServiceOfferingAdded"/>).</summary>
    AddOffering = 1,

    /// <summary>Move into transition (<see cref="ServiceMovedToTransition"/>).</summary>
    MoveToTransition = 2,

    /// <summary>Go live through the acceptance gate (<see cref="ServiceWentLive"/>).</summary>
    GoLive = 3,

    /// <summary>Retire: a live service starts retiring, a retiring one (or one never live) is retired (<see cref="ServiceRetired"/>).</summary>
    Retire = 4,
}

/// <summary>
/// The service lifecycle as one table (<see cref="Table"/>); <see cref="CatalogueService"/>'s guards, its
/// <see cref="CatalogueService.NextStates"/> and <see cref="CatalogueService.Restore"/>'s replay all read it.
/// </summary>
/// <remarks>
/// <para>
/// Pipeline: revise, add offerings, move into transition (-> InTransition), withdraw (retire -> Retired). InTransition: revise,
/// add offerings, go live through the gate (-> Live), withdraw (-> Retired). Live: revise, add offerings, retire (-> Retiring).
/// Retiring: retire (-> Retired, final).
/// </para>
/// <para>Stateless and thread-safe; the table is immutable.</para>
/// </remarks>
public static class ServiceLifecycle
{
    /// <summary>The service lifecycle: every row (from, transition, to).</summary>
    public static TransitionTable<ServiceStatus, ServiceTransition> Table { get; } = new(
    [
        new(ServiceStatus.Pipeline, ServiceTransition.Revise, ServiceStatus.Pipeline),
        new(ServiceStatus.Pipeline, ServiceTransition.AddOffering, ServiceStatus.Pipeline),
        new(ServiceStatus.Pipeline, ServiceTransition.MoveToTransition, ServiceStatus.InTransition),
        new(ServiceStatus.Pipeline, ServiceTransition.Retire, ServiceStatus.Retired),
        new(ServiceStatus.InTransition, ServiceTransition.Revise, ServiceStatus.InTransition),
        new(ServiceStatus.InTransition, ServiceTransition.AddOffering, ServiceStatus.InTransition),
        new(ServiceStatus.InTransition, ServiceTransition.GoLive, ServiceStatus.Live),
        new(ServiceStatus.InTransition, ServiceTransition.Retire, ServiceStatus.Retired),
        new(ServiceStatus.Live, ServiceTransition.Revise, ServiceStatus.Live),
        new(ServiceStatus.Live, ServiceTransition.AddOffering, ServiceStatus.Live),
        new(ServiceStatus.Live, ServiceTransition.Retire, ServiceStatus.Retiring),
        new(ServiceStatus.Retiring, ServiceTransition.Retire, ServiceStatus.Retired),
    ]);

    /// <summary>The statuses in which a service is not retired.</summary>
    public static ImmutableArray<ServiceStatus> ActiveStatuses { get; } = [.. Enum.GetValues<ServiceStatus>().Where(s => !Table.IsFinal(s))];

    /// <summary>The transition <paramref name="e"/> records, or null for the definition (which starts the lifecycle in Pipeline).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static ServiceTransition? TransitionOf(ServiceEvent e) => Preconditions.CheckNotNull(e) switch
    {
        ServiceRevised => ServiceTransition.Revise,
        ServiceOfferingAdded => ServiceTransition.AddOffering,
        ServiceMovedToTransition => ServiceTransition.MoveToTransition,
        ServiceWentLive => ServiceTransition.GoLive,
        ServiceRetired => ServiceTransition.Retire,
        _ => null,
    };
}
