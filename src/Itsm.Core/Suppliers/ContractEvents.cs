using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>
/// What a contract commits to, as drafted: <see cref="Contract.Draft"/> validates it, and it does not change afterwards
/// (a revised contract is a new draft).
/// </summary>
/// <param name="Title">A one-line name, such as <c>Storage support 2027</c>.</param>
/// <param name="Term">Its dates: start, term, renewal rule and notice period.</param>
/// <param name="Billing">How often it is billed.</param>
/// <param name="Fee">The fee of one billing period; zero or more.</param>
/// <param name="CreditPolicy">The service credits it owes for breached targets.</param>
/// <param name="Calendar">The business calendar its targets are counted on.</param>
/// <param name="Zone">The time zone whose dates its term is read in (an instant is on the date it has there).</param>
/// <param name="Targets">Its targets per priority rank (1 = highest): response and resolution, business time on <paramref name="Calendar"/>.</param>
/// <param name="Services">The business services it covers, distinct and ordered.</param>
/// <param name="Items">The configuration items it covers, distinct and ordered.</param>
public sealed record ContractDetails(
    string Title,
    ContractTerm Term,
    Periodicity Billing,
    Money Fee,
    ServiceCreditPolicy CreditPolicy,
    CalendarId Calendar,
    DateTimeZone Zone,
    ImmutableSortedDictionary<int, SlaTargets> Targets,
    ImmutableArray<ConfigurationItemId> Services,
    ImmutableArray<ConfigurationItemId> Items)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// That a contract underpins one SLA target: the resolution target at <paramref name="Priority"/> of the SLA definition
/// <paramref name="Sla"/>, handed over after <paramref name="Handoff"/> of business time on the SLA's calendar. When
/// <paramref name="Ola"/> is set, the chain runs through that internal group's OLA first: the group holds the incident for
/// <paramref name="OlaHandoff"/> of business time on the OLA's calendar, then hands it to this contract's supplier.
/// </summary>
/// <param name="Sla">The SLA definition.</param>
/// <param name="Priority">The priority rank whose resolution targets are compared.</param>
/// <param name="Handoff">Business time on the SLA's calendar before the first hand-off.</param>
/// <param name="Ola">The internal group's OLA the incident passes through first, or null for a chain of two links.</param>
/// <param name="OlaHandoff">Business time on the OLA's calendar before the group hands on to the supplier (zero without an OLA).</param>
public sealed record UnderpinningLink(SlaDefinitionId Sla, int Priority, Duration Handoff, ContractId? Ola, Duration OlaHandoff);

/// <summary>Something that happened to a contract: its history, and the domain events of each transition.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who did it.</param>
public abstract record ContractEvent(Instant At, UserId By);

/// <summary>The contract was drafted.</summary>
public sealed record ContractDrafted(Instant At, UserId By) : ContractEvent(At, By);

/// <summary>The contract was put in force.</summary>
public sealed record ContractActivated(Instant At, UserId By) : ContractEvent(At, By);

/// <summary>Notice was given: the contract ends with its current term.</summary>
public sealed record ContractNoticeGiven(Instant At, UserId By, string Reason) : ContractEvent(At, By);

/// <summary>The contract entered term <paramref name="Term"/> (1 for the first renewal).</summary>
public sealed record ContractRenewed(Instant At, UserId By, int Term) : ContractEvent(At, By);

/// <summary>The term ended without renewal.</summary>
public sealed record ContractExpired(Instant At, UserId By) : ContractEvent(At, By);

/// <summary>The contract was ended early (or a draft withdrawn), with the reason.</summary>
public sealed record ContractTerminated(Instant At, UserId By, string Reason) : ContractEvent(At, By);

/// <summary>An SLA target this contract underpins was linked (replacing an earlier link of the same SLA and priority).</summary>
public sealed record ContractUnderpinningLinked(Instant At, UserId By, UnderpinningLink Link) : ContractEvent(At, By);
