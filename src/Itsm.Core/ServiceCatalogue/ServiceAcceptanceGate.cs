using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.ServiceCatalogue;

/// <summary>The criteria of the service transition gate, each checked and, when unmet, explained.</summary>
/// <remarks><c>default</c> is <see cref="Owner"/>.</remarks>
public enum ServiceAcceptanceCriterion
{
    /// <summary>The service has an owner.</summary>
    Owner = 0,

    /// <summary>Its service hours calendar is named and defined.</summary>
    ServiceHours = 1,

    /// <summary>Its support hours calendar is named and defined.</summary>
    SupportHours = 2,

    /// <summary>Its configuration item is recorded in the CMDB as a business service.</summary>
    RecordedInCmdb = 3,

    /// <summary>Its configuration item is related in the CMDB to at least one item that supports it.</summary>
    RelatedInCmdb = 4,

    /// <summary>A signed agreement covering the service is in force at the instant of going live.</summary>
    AgreementInForce = 5,

    /// <summary>A criterion of the service's <see cref="ServiceAcceptancePolicy"/> is attested.</summary>
    VendorCriterion = 6,
}

/// <summary>One criterion of the gate a service does not meet, and why.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="Name">The vendor criterion's name for <see cref="ServiceAcceptanceCriterion.VendorCriterion"/>, else null.</param>
/// <param name="Explanation">What is wrong, in words a person can act on.</param>
public sealed record UnmetServiceCriterion(ServiceAcceptanceCriterion Criterion, string? Name, string Explanation);

/// <summary>What the service transition gate is given beside the service: the facts of other processes it checks the service against.</summary>
/// <param name="RecordedAs">The class of the service's configuration item in the CMDB, or null when the CMDB does not have it.</param>
/// <param name="RelatedItems">The items related to the service's configuration item in the CMDB (either direction); empty when none.</param>
/// <param name="Agreements">The agreements that may cover the service (others are ignored).</param>
/// <param name="DefinedCalendars">The business calendars that are defined (others named by the service are unmet).</param>
/// <param name="Attested">The vendor criteria the acting user attests.</param>
public sealed record ServiceAcceptanceEvidence(
    ConfigurationItemClass? RecordedAs,
    IReadOnlyCollection<ConfigurationItemId> RelatedItems,
    IReadOnlyCollection<ServiceLevelAgreement> Agreements,
    IReadOnlyCollection<CalendarId> DefinedCalendars,
    IReadOnlyCollection<string> Attested)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The gate's answer for one service at one instant: every unmet criterion, explained; met when there is none.</summary>
/// <param name="Service">The service checked.</param>
/// <param name="At">The instant checked at.</param>
/// <param name="Agreement">The agreement in force that covers the service (the least identifier when several do), or null.</param>
/// <param name="Unmet">Every unmet criterion, ordered by criterion, then name.</param>
public sealed record ServiceAcceptanceVerdict(ConfigurationItemId Service, Instant At, AgreementId? Agreement, ImmutableArray<UnmetServiceCriterion> Unmet)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>True when every criterion is met.</summary>
    public bool IsMet => Unmet.IsEmpty;

    /// <summary>The unmet criteria as one sentence per criterion, <c>[Owner] ...</c>; empty when met.</summary>
    public string Explain() => string.Join(" ", Unmet.Select(u => $"[{(u.Name is null ? u.Criterion.ToString() : $"{u.Criterion}:{u.Name}")}] {u.Explanation}"));
}

/// <summary>
/// The service transition gate as a pure function (<see cref="Check"/>): a service goes live only when it has an owner, its
/// service and support calendars are defined, its configuration item is recorded in the CMDB as a business service and related
/// to what supports it, a signed agreement covering it is in force, and every criterion of its
/// <see cref="ServiceAcceptancePolicy"/> is attested. It returns every unmet criterion, not the first.
/// </summary>
/// <remarks>Linear in the agreements' versions plus the criteria; stateless and thread-safe.</remarks>
public static class ServiceAcceptanceGate
{
    /// <summary>Checks <paramref name="service"/> against every criterion at <paramref name="at"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument or one of the evidence's parts is null.</exception>
    public static ServiceAcceptanceVerdict Check(CatalogueService service, ServiceAcceptanceEvidence evidence, Instant at)
    {
        Preconditions.CheckNotNull(service);
        Preconditions.CheckNotNull(evidence);
        Preconditions.CheckNotNull(evidence.RelatedItems, nameof(evidence));
        Preconditions.CheckNotNull(evidence.Agreements, nameof(evidence));
        Preconditions.CheckNotNull(evidence.DefinedCalendars, nameof(evidence));
        Preconditions.CheckNotNull(evidence.Attested, nameof(evidence));
        var unmet = new List<UnmetServiceCriterion>();
        var id = service.Id;
        var profile = service.Profile;
        if (profile.Owner is null)
        {
            unmet.Add(new(ServiceAcceptanceCriterion.Owner, null, $"Service {id} has no owner; name the person accountable for it."));
        }

        var calendars = evidence.DefinedCalendars.ToHashSet();
        CheckCalendar(ServiceAcceptanceCriterion.ServiceHours, "service hours", profile.ServiceHours, calendars, id, unmet);
        CheckCalendar(ServiceAcceptanceCriterion.SupportHours, "support hours", profile.SupportHours, calendars, id, unmet);
        if (evidence.RecordedAs is not { } recorded)
        {
            unmet.Add(new(ServiceAcceptanceCriterion.RecordedInCmdb, null, $"The CMDB has no configuration item {id}; register the service as a business service."));
        }
        else if (!recorded.IsBusinessService)
        {
            unmet.Add(new(ServiceAcceptanceCriterion.RecordedInCmdb, null, $"Configuration item {id} is recorded as {recorded}, not as a business service."));
        }

        if (!evidence.RelatedItems.Any(i => i != id))
        {
            unmet.Add(new(ServiceAcceptanceCriterion.RelatedInCmdb, null, $"Configuration item {id} is related to nothing in the CMDB; relate the items it depends on."));
        }

        var agreement = evidence.Agreements.Where(a => a is not null && a.VersionInForceAt(at) is { } v && v.Terms.Covers(id)).Select(a => (AgreementId?)a.Id).Min();
        if (agreement is null)
        {
            unmet.Add(new(ServiceAcceptanceCriterion.AgreementInForce, null, $"No signed agreement covering service {id} is in force at {at}; sign one effective by then."));
        }

        var attested = evidence.Attested.ToHashSet(StringComparer.Ordinal);
        foreach (var criterion in service.Policy.Criteria.Where(c => !attested.Contains(c)))
        {
            unmet.Add(new(ServiceAcceptanceCriterion.VendorCriterion, criterion, $"Acceptance policy '{service.Policy.Name}' requires '{criterion}' to be attested before service {id} goes live."));
        }

        return new ServiceAcceptanceVerdict(id, at, agreement, [.. unmet.OrderBy(u => u.Criterion).ThenBy(u => u.Name, StringComparer.Ordinal)]);
    }

    private static void CheckCalendar(ServiceAcceptanceCriterion criterion, string what, CalendarId? named, HashSet<CalendarId> defined, ConfigurationItemId id, List<UnmetServiceCriterion> unmet)
    {
        if (named is not { } calendar)
        {
            unmet.Add(new(criterion, null, $"Service {id} names no {what} calendar; name one."));
        }
        else if (!defined.Contains(calendar))
        {
            unmet.Add(new(criterion, null, $"The {what} calendar {calendar} of service {id} is not defined; define it."));
        }
    }
}
