using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceCatalogue;

/// <summary>
/// A service in the service catalogue: the business service whose configuration item in the CMDB is its identity, with its
/// profile (name, description, owner, customers, service and support hours), its offerings, and its status from design to
/// retirement.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lifecycle.</b> Pipeline -> InTransition -> Live -> Retiring -> Retired; the one table <see cref="ServiceLifecycle.Table"/>
/// says which transition is allowed where. A service goes live only through the transition gate
/// (<see cref="ServiceAcceptanceGate.Check"/>); a refusal (<c>service.acceptance-refused</c>) lists every unmet criterion.
/// Offerings are immutable values: a changed offering is a new one with a new name.
/// </para>
/// <para>
/// <b>One convention for every transition</b>: its own inputs first, then the acting user, then the instant. It checks the
/// status first (<c>service.illegal-transition</c>), then the time (<c>service.time-order</c>), then its input and rules; it
/// either appends exactly one <see cref="ServiceEvent"/> to <see cref="History"/> or returns a failed <see cref="Result"/> and
/// changes nothing. Every member but the identity is derived from the history, so a restored service is its history replayed.
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed partial class CatalogueService
{
    /// <summary>The longest description a service may have.</summary>
    public const int MaxDescriptionLength = 4000;

    private ImmutableArray<ServiceOffering> offerings = [];

    private CatalogueService(ConfigurationItemId id, ServiceDefined defined)
    {
        Id = id;
        Profile = defined.Profile;
        Policy = defined.Policy;
        DefinedAt = defined.At;
        History = [defined];
    }

    /// <summary>The service's identifier: its business-service configuration item in the CMDB.</summary>
    public ConfigurationItemId Id { get; }

    /// <summary>Its current profile: name, description, owner, customers and calendars.</summary>
    public ServiceProfile Profile { get; private set; }

    /// <summary>The acceptance policy whose vendor criteria the gate checks beside its own.</summary>
    public ServiceAcceptancePolicy Policy { get; }

    /// <summary>When it was defined.</summary>
    public Instant DefinedAt { get; }

    /// <summary>Where it is in its lifecycle.</summary>
    public ServiceStatus Status { get; private set; }

    /// <summary>Its offerings, in the order they were added.</summary>
    public ImmutableArray<ServiceOffering> Offerings => offerings;

    /// <summary>The agreement it went live under, or null before it went live.</summary>
    public AgreementId? LiveUnder { get; private set; }

    /// <summary>Everything that happened, oldest first, from <see cref="ServiceDefined"/> on.</summary>
    public ImmutableList<ServiceEvent> History { get; private set; }

    /// <summary>The statuses the table allows next from the current one (empty when retired).</summary>
    public ImmutableArray<ServiceStatus> NextStates => ServiceLifecycle.Table.NextStates(Status);

    /// <summary>The offering named <paramref name="name"/> (ordinal), or null.</summary>
    public ServiceOffering? OfferingNamed(string? name) => offerings.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// Defines a service in the pipeline. Invalid naming each bad part: an unassigned identifier or user (<c>service.identifier</c>),
    /// a blank name or one with control characters (<c>service.name</c>), a description too long or with control characters other
    /// than line breaks (<c>service.description</c>).
    /// </summary>
    /// <param name="id">The business-service configuration item it is.</param>
    /// <param name="profile">What it is.</param>
    /// <param name="policy">The acceptance policy of its transition gate.</param>
    /// <param name="by">Who defines it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> or <paramref name="policy"/> is null.</exception>
    public static Result<CatalogueService> Define(ConfigurationItemId id, ServiceProfile profile, ServiceAcceptancePolicy policy, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(profile);
        Preconditions.CheckNotNull(policy);
        var errors = ProfileErrors(profile);
        if (id.Value is null || by.Value is null)
        {
            errors.Insert(0, Failure.Field(string.Empty, "The service's configuration item and the acting user must be assigned.", ServiceCatalogueErrors.Identifier));
        }

        return errors.Count > 0 ? Result<CatalogueService>.Invalid(errors) : new CatalogueService(id, new ServiceDefined(at, by, Normalise(profile), policy));
    }

    /// <summary>Revises the profile (in any status but Retiring and Retired); Invalid as for <see cref="Define"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public Result Revise(ServiceProfile profile, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(profile);
        return Transit(new ServiceRevised(at, by, Normalise(profile)), "revise");
    }

    /// <summary>
    /// Adds an offering (Pipeline, InTransition or Live): Invalid (<c>service.offering</c>) for a name that is not a valid
    /// identifier text, no targets, a priority rank below 1, a non-positive target or a response after the resolution, a
    /// negative price; Conflict (<c>service.offering.exists</c>) for a name the service has already.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="offering"/> is null.</exception>
    public Result AddOffering(ServiceOffering offering, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(offering);
        return Transit(new ServiceOfferingAdded(at, by, offering), "add an offering to");
    }

    /// <summary>Moves the service into transition: Pipeline -> InTransition.</summary>
    public Result MoveToTransition(UserId by, Instant at) => Transit(new ServiceMovedToTransition(at, by), "move into transition");

    /// <summary>The transition gate's verdict on this service at <paramref name="at"/> (<see cref="ServiceAcceptanceGate.Check"/>); changes nothing.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    public ServiceAcceptanceVerdict CheckAcceptance(ServiceAcceptanceEvidence evidence, Instant at) => ServiceAcceptanceGate.Check(this, evidence, at);

    /// <summary>
    /// Takes the service live through the gate: InTransition -> Live. Conflict (<c>service.acceptance-refused</c>) listing every
    /// unmet criterion when the gate refuses.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    public Result GoLive(ServiceAcceptanceEvidence evidence, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(evidence);
        if (Allowed(ServiceTransition.GoLive, at, "take live") is { IsSuccess: false } refused)
        {
            return refused;
        }

        var verdict = CheckAcceptance(evidence, at);
        return verdict.IsMet
            ? Transit(new ServiceWentLive(at, by, verdict.Agreement!.Value, [.. Policy.Criteria]), "take live")
            : Failure.Conflict($"Service {Id} does not pass the transition gate: {verdict.Explain()}", ServiceCatalogueErrors.AcceptanceRefused);
    }

    /// <summary>
    /// Retires the service: Live -> Retiring, Retiring -> Retired, and a service never live (Pipeline, InTransition) is withdrawn
    /// -> Retired. Invalid (<c>service.reason</c>) without a reason.
    /// </summary>
    public Result Retire(string? reason, UserId by, Instant at) => Transit(new ServiceRetired(at, by, reason?.Trim() ?? string.Empty), "retire");

    /// <summary>The stored form.</summary>
    public CatalogueServiceSnapshot ToSnapshot() => new(Id, Status, History);

    /// <summary>Returns the identifier, status and name, for diagnostics.</summary>
    public override string ToString() => $"{Id} {Status}: {Profile.Name}";

    private static ServiceProfile Normalise(ServiceProfile p) => p with
    {
        Name = p.Name?.Trim() ?? string.Empty,
        Description = p.Description?.Trim() ?? string.Empty,
        Customers = p.Customers.IsDefault ? [] : [.. p.Customers.Distinct().Order()],
    };

    private static List<ValidationError> ProfileErrors(ServiceProfile p)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Any(char.IsControl) || p.Name.Trim().Length > Identifier.MaxTextLength)
        {
            errors.Add(Failure.Field("Name", $"A service needs a name of 1 to {Identifier.MaxTextLength} characters without control characters.", ServiceCatalogueErrors.Name));
        }

        if (p.Description is { } d && (d.Length > MaxDescriptionLength || d.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            errors.Add(Failure.Field("Description", $"A service description has at most {MaxDescriptionLength} characters and no control characters but line breaks and tabs.", ServiceCatalogueErrors.Description));
        }

        if (p.Owner is { Value: null } || (!p.Customers.IsDefault && p.Customers.Any(c => c.Value is null)) || p.ServiceHours is { Value: null } || p.SupportHours is { Value: null })
        {
            errors.Add(Failure.Field(string.Empty, "The owner, customers and calendars given must be assigned identifiers.", ServiceCatalogueErrors.Identifier));
        }

        return errors;
    }

    private static string? OfferingProblem(ServiceOffering o) =>
        Identifier.CheckText(o.Name) is { } text ? $"An offering name {text}"
        : o.Targets is null || o.Targets.IsEmpty ? $"Offering '{o.Name}' needs response and resolution targets for at least one priority."
        : o.Targets.Keys.Any(k => k < 1) ? $"Offering '{o.Name}' ranks priorities from 1 (the highest)."
        : o.Targets.Values.Any(t => t.Response <= Duration.Zero || t.Resolution <= Duration.Zero || t.Response > t.Resolution)
            ? $"Offering '{o.Name}' needs positive targets, the response no later than the resolution."
        : o.Price is { } price && (price.Amount < 0 || price.Currency.Length == 0) ? $"Offering '{o.Name}' has a negative or currency-less price."
        : null;

    private Result Transit(ServiceEvent e, string action)
    {
        var via = ServiceLifecycle.TransitionOf(e)!.Value;
        var allowed = Allowed(via, e.At, action);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        if (Rule(e) is { } broken)
        {
            return broken;
        }

        Apply(e);
        return Result.Success();
    }

    /// <summary>Status first, then time: the transition must be allowed from the current status, and <paramref name="at"/> not before the latest record.</summary>
    private Result Allowed(ServiceTransition via, Instant at, string action) =>
        ServiceLifecycle.Table.Require(Status, via, action, $"service {Id}", History[^1].At, at, ServiceCatalogueErrors.IllegalTransition, ServiceCatalogueErrors.TimeOrder);

    /// <summary>What <paramref name="e"/> breaks of the service's own rules that the record itself shows (the live commands and the replay share it), or null.</summary>
    private Result? Rule(ServiceEvent e) => e switch
    {
        _ when e.By.Value is null => Failure.Invalid("By", "The acting user must be assigned.", ServiceCatalogueErrors.Identifier),
        ServiceRevised r when ProfileErrors(r.Profile) is { Count: > 0 } errors => Result.Invalid(errors),
        ServiceOfferingAdded a when OfferingProblem(a.Offering) is { } problem => Failure.Invalid("Offering", problem, ServiceCatalogueErrors.Offering),
        ServiceOfferingAdded a when OfferingNamed(a.Offering.Name) is not null =>
            Failure.Conflict($"Service {Id} has an offering '{a.Offering.Name}' already; an offering never changes, so add a new one under another name.", ServiceCatalogueErrors.OfferingExists),
        ServiceWentLive l when l.Agreement.Value == Guid.Empty || l.Attested.IsDefault || !l.Attested.SequenceEqual(Policy.Criteria, StringComparer.Ordinal) =>
            Failure.Invalid("Agreement", "Going live records the agreement in force and the attested criteria of the policy.", ServiceCatalogueErrors.Identifier),
        ServiceRetired r when r.Reason.Length == 0 => Failure.Invalid("Reason", "Say why the service is retired.", ServiceCatalogueErrors.Reason),
        _ => null,
    };

    /// <summary>Makes the transition <paramref name="e"/> records; its checks were made before.</summary>
    private void Apply(ServiceEvent e)
    {
        Status = ServiceLifecycle.Table.TargetsOf(Status, ServiceLifecycle.TransitionOf(e)!.Value)[0];
        switch (e)
        {
            case ServiceRevised r:
                Profile = r.Profile;
                break;
            case ServiceOfferingAdded a:
                offerings = offerings.Add(a.Offering);
                break;
            case ServiceWentLive l:
                LiveUnder = l.Agreement;
                break;
        }

        History = History.Add(e);
    }
}

/// <summary>A catalogue service's stored form: its identity, its status and its history; every other member is its history replayed.</summary>
/// <param name="Id">The service's configuration item.</param>
/// <param name="Status">Where it is in its lifecycle.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record CatalogueServiceSnapshot(ConfigurationItemId Id, ServiceStatus Status, ImmutableList<ServiceEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
