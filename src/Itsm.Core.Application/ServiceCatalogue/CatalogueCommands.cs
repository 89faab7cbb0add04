using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;

namespace Itsm.Core.Application.ServiceCatalogue;

/// <summary>
/// Defines a service in the catalogue's pipeline (<see cref="CatalogueService.Define"/>), identified by its business-service
/// configuration item (which the CMDB need not hold yet: the transition gate checks it). Conflict (<c>record.exists</c>) when the
/// tenant has a service with that id. Answers the service at version 1.
/// </summary>
/// <param name="Context">Who defines it, for which tenant.</param>
/// <param name="Service">Its business-service configuration item.</param>
/// <param name="Name">Its name.</param>
public sealed record DefineService(RequestContext Context, ConfigurationItemId Service, string Name) : ICommand<Result<Versioned<CatalogueService>>>
{
    /// <summary>What it delivers; empty unless set.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The service owner; null until named.</summary>
    public UserId? Owner { get; init; }

    /// <summary>The customers it is delivered to; none unless set.</summary>
    public ImmutableArray<CustomerId> Customers { get; init; } = [];

    /// <summary>The calendar of its service hours; null until named.</summary>
    public CalendarId? ServiceHours { get; init; }

    /// <summary>The calendar of its support hours; null until named.</summary>
    public CalendarId? SupportHours { get; init; }

    /// <summary>The acceptance policy of its transition gate, stored with it; <see cref="ServiceAcceptancePolicy.Standard"/> unless set.</summary>
    public ServiceAcceptancePolicy Policy { get; init; } = ServiceAcceptancePolicy.Standard;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// A command on one existing service, with optional client-side optimistic concurrency. Answers the service as the command left
/// it, with its new version. NotFound (<c>service.not-found</c>) for an unknown service.
/// </summary>
/// <param name="Context">Who acts, for which tenant.</param>
/// <param name="Service">The service.</param>
public abstract record ServiceCommand(RequestContext Context, ConfigurationItemId Service) : ICommand<Result<Versioned<CatalogueService>>>
{
    /// <summary>When set, the command fails with Conflict (<c>service.version-conflict</c>) unless the stored service is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Revises the service's profile (<see cref="CatalogueService.Revise"/>); each part left null keeps its current value.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Service">The service.</param>
public sealed record ReviseService(RequestContext Context, ConfigurationItemId Service) : ServiceCommand(Context, Service)
{
    /// <summary>The new name, or null to keep it.</summary>
    public string? Name { get; init; }

    /// <summary>The new description, or null to keep it.</summary>
    public string? Description { get; init; }

    /// <summary>The new owner, or null to keep it.</summary>
    public UserId? Owner { get; init; }

    /// <summary>The new customers, or null to keep them.</summary>
    public IReadOnlyList<CustomerId>? Customers { get; init; }

    /// <summary>The new service hours calendar, or null to keep it.</summary>
    public CalendarId? ServiceHours { get; init; }

    /// <summary>The new support hours calendar, or null to keep it.</summary>
    public CalendarId? SupportHours { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Adds an offering, such as <c>gold</c>, with its SLA targets by priority rank and an optional price (<see cref="CatalogueService.AddOffering"/>).</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Service">The service.</param>
/// <param name="Name">The offering's name, unique within the service.</param>
/// <param name="Targets">Response and resolution targets by priority rank (1 = highest).</param>
public sealed record AddOffering(RequestContext Context, ConfigurationItemId Service, string Name, IReadOnlyDictionary<int, SlaTargets> Targets) : ServiceCommand(Context, Service)
{
    /// <summary>Its price per period, or null when it is not priced.</summary>
    public Money? Price { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Moves the service from the pipeline into transition (<see cref="CatalogueService.MoveToTransition"/>).</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Service">The service.</param>
public sealed record MoveServiceToTransition(RequestContext Context, ConfigurationItemId Service) : ServiceCommand(Context, Service);

/// <summary>
/// Takes the service live through the transition gate (<see cref="CatalogueService.GoLive"/>), against the evidence as stored now:
/// its configuration item and relationships in the CMDB, the tenant's agreements, the defined calendars. Conflict
/// (<c>service.acceptance-refused</c>) listing every unmet criterion.
/// </summary>
/// <param name="Context">Who takes it live.</param>
/// <param name="Service">The service.</param>
public sealed record GoLive(RequestContext Context, ConfigurationItemId Service) : ServiceCommand(Context, Service)
{
    /// <summary>The vendor criteria of the service's acceptance policy the acting user attests; none unless set.</summary>
    public ImmutableArray<string> Attested { get; init; } = [];

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Retires the service (<see cref="CatalogueService.Retire"/>): Live -> Retiring, Retiring -> Retired, a service never live -> Retired.</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Service">The service.</param>
/// <param name="Reason">Why.</param>
public sealed record RetireService(RequestContext Context, ConfigurationItemId Service, string Reason) : ServiceCommand(Context, Service);

/// <summary>One service with its version; NotFound (<c>service.not-found</c>) when the tenant has none with that id.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The service.</param>
public sealed record GetService(RequestContext Context, ConfigurationItemId Service) : IQuery<Result<Versioned<CatalogueService>>>;

/// <summary>The tenant's services, in some statuses when given, ordered by id.</summary>
/// <param name="Context">Who asks.</param>
public sealed record ListServices(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<CatalogueService>>>>
{
    /// <summary>Only services in these statuses; null for any status.</summary>
    public IReadOnlyList<ServiceStatus>? Statuses { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// The transition gate's verdict on a service at an instant (now unless <see cref="At"/> is set), over the same evidence
/// <see cref="GoLive"/> reads; every unmet criterion, explained. Changes nothing.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Service">The service.</param>
public sealed record CheckAcceptance(RequestContext Context, ConfigurationItemId Service) : IQuery<Result<ServiceAcceptanceVerdict>>
{
    /// <summary>The instant to check at; now when null.</summary>
    public Instant? At { get; init; }

    /// <summary>The vendor criteria that would be attested; none unless set.</summary>
    public ImmutableArray<string> Attested { get; init; } = [];

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
