using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;

namespace Itsm.Core.ServiceCatalogue;

/// <summary>What a catalogue service is: <see cref="CatalogueService.Define"/> and <see cref="CatalogueService.Revise"/> validate it.</summary>
/// <param name="Name">A person's name for the service, such as <c>Payroll</c>; not blank.</param>
/// <param name="Description">What it delivers, in words; may be empty.</param>
/// <param name="Owner">The service owner, or null while none is named (the acceptance gate requires one).</param>
/// <param name="Customers">The customers it is delivered to, distinct and ordered; may be empty.</param>
/// <param name="ServiceHours">The business calendar of its service hours, or null while none is named (the gate requires one that is defined).</param>
/// <param name="SupportHours">The business calendar of its support hours, or null while none is named (the gate requires one that is defined).</param>
public sealed record ServiceProfile(string Name, string Description, UserId? Owner, ImmutableArray<CustomerId> Customers, CalendarId? ServiceHours, CalendarId? SupportHours)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// A named variant of a service, such as <c>gold</c> or <c>silver</c>: its SLA targets by priority rank and an optional price.
/// An immutable value; <see cref="CatalogueService.AddOffering"/> validates it and an offering, once added, never changes.
/// </summary>
/// <param name="Name">The offering's name, unique within the service (a valid identifier text).</param>
/// <param name="Targets">Response and resolution targets by priority rank (1 = highest); at least one, each positive, response not after resolution.</param>
/// <param name="Price">What it costs per period, or null when it is not priced; never negative.</param>
public sealed record ServiceOffering(string Name, ImmutableSortedDictionary<int, SlaTargets> Targets, Money? Price)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Something that happened to a catalogue service: its history, and the domain events of each transition.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who did it.</param>
public abstract record ServiceEvent(Instant At, UserId By);

/// <summary>The service was defined in the pipeline with <paramref name="Profile"/>, going live under <paramref name="Policy"/>.</summary>
public sealed record ServiceDefined(Instant At, UserId By, ServiceProfile Profile, ServiceAcceptancePolicy Policy) : ServiceEvent(At, By);

/// <summary>The service's profile was revised.</summary>
public sealed record ServiceRevised(Instant At, UserId By, ServiceProfile Profile) : ServiceEvent(At, By);

/// <summary>An offering was added.</summary>
public sealed record ServiceOfferingAdded(Instant At, UserId By, ServiceOffering Offering) : ServiceEvent(At, By);

/// <summary>The service moved into transition.</summary>
public sealed record ServiceMovedToTransition(Instant At, UserId By) : ServiceEvent(At, By);

/// <summary>The service went live through the acceptance gate, under <paramref name="Agreement"/>; the vendor criteria <paramref name="Attested"/> were attested.</summary>
public sealed record ServiceWentLive(Instant At, UserId By, AgreementId Agreement, ImmutableArray<string> Attested) : ServiceEvent(At, By)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True when anything was printed.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The service started retiring (from Live) or was retired (from Retiring, or withdrawn before it went live).</summary>
public sealed record ServiceRetired(Instant At, UserId By, string Reason) : ServiceEvent(At, By);
