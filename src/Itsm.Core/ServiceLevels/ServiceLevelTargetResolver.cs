using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.ServiceCatalogue;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// Says which agreement sets the targets of a service's SLA clocks: the one domain service that incident handlers, queries and
/// the monthly report ask, so that they all measure a record against the same version.
/// </summary>
/// <remarks>
/// <para>
/// An agreement governs a service for a customer when it is with that customer (any customer when the record names none) and
/// one of its signed versions covers the service at an offering the catalogue service has. Of several, the one with a version
/// in force at the instant asked about wins, then the smallest identifier, so the answer never depends on the order given.
/// When none governs, the clocks fall back to the SLA definition's targets.
/// </para>
/// <para>Pure and stateless; thread-safe.</para>
/// </remarks>
public static class ServiceLevelTargetResolver
{
    /// <summary>
    /// The targets the agreements set for <paramref name="service"/> of <paramref name="customer"/> as seen at
    /// <paramref name="at"/>, or null when no agreement covers it then (or the catalogue lacks the offering agreed).
    /// </summary>
    /// <param name="agreements">The tenant's agreements (any customer; others are ignored).</param>
    /// <param name="catalogueService">The service as the catalogue holds it (its offerings' targets), or null when it is not catalogued.</param>
    /// <param name="service">The business service the record is on.</param>
    /// <param name="customer">The record's customer, or null when it names none.</param>
    /// <param name="at">The instant asked about (a clock's start).</param>
    /// <exception cref="ArgumentNullException"><paramref name="agreements"/> is null.</exception>
    public static AgreementTargets? Resolve(IEnumerable<ServiceLevelAgreement> agreements, CatalogueService? catalogueService, ConfigurationItemId service, CustomerId? customer, Instant at)
    {
        Preconditions.CheckNotNull(agreements);
        if (catalogueService is null || catalogueService.Id != service)
        {
            return null;
        }

        return agreements
            .Where(a => a is not null && (customer is not { } c || a.Customer == c))
            .Select(a => TargetsOf(a, catalogueService))
            .Where(t => t.Periods.Length > 0 && t.PeriodAt(at) is not null)
            .OrderBy(t => t.Agreement)
            .FirstOrDefault();
    }

    /// <summary>
    /// The targets the agreements set for <paramref name="service"/> of <paramref name="customer"/> at any time of
    /// <paramref name="period"/> (a report's), or null when no version covering it is in force then. Of several, the smallest
    /// identifier wins.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="agreements"/> is null.</exception>
    public static AgreementTargets? ResolveOver(IEnumerable<ServiceLevelAgreement> agreements, CatalogueService? catalogueService, ConfigurationItemId service, CustomerId? customer, Interval period)
    {
        Preconditions.CheckNotNull(agreements);
        if (catalogueService is null || catalogueService.Id != service)
        {
            return null;
        }

        return agreements
            .Where(a => a is not null && (customer is not { } c || a.Customer == c))
            .Select(a => TargetsOf(a, catalogueService))
            .Where(t => t.Periods.Any(p => (!period.HasEnd || p.From < period.End) && (!period.HasStart || p.Until is not { } until || until > period.Start)))
            .OrderBy(t => t.Agreement)
            .FirstOrDefault();
    }

    /// <summary>
    /// The targets of <paramref name="targets"/>' governing version for a clock started at <paramref name="clockStarted"/>, at
    /// <paramref name="at"/> and priority <paramref name="rank"/>; otherwise the fallback's targets; null when neither has any.
    /// </summary>
    /// <param name="targets">The agreement's targets, or null when no agreement governs.</param>
    /// <param name="fallback">The SLA definition's targets by priority rank.</param>
    /// <param name="clockStarted">When the clock started.</param>
    /// <param name="at">The instant asked about.</param>
    /// <param name="rank">The priority rank.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fallback"/> is null.</exception>
    public static SlaTargets? TargetsFor(AgreementTargets? targets, IReadOnlyDictionary<int, SlaTargets> fallback, Instant clockStarted, Instant at, int rank)
    {
        Preconditions.CheckNotNull(fallback);
        return targets?.Governing(clockStarted, at) is { } period
            ? period.Targets.TryGetValue(rank, out var agreed) ? agreed : null
            : fallback.TryGetValue(rank, out var defined) ? defined : null;
    }

    private static AgreementTargets TargetsOf(ServiceLevelAgreement agreement, CatalogueService catalogueService)
    {
        var periods = ImmutableArray.CreateBuilder<AgreementTargetPeriod>();
        foreach (var version in agreement.Versions)
        {
            if (version.Validity is { } validity && version.Terms.OfferingOf(catalogueService.Id) is { } offering
                && catalogueService.OfferingNamed(offering) is { } offered)
            {
                periods.Add(new AgreementTargetPeriod(version.Number, validity.Start, validity.HasEnd ? validity.End : null, offering, offered.Targets));
            }
        }

        return new AgreementTargets(agreement.Id, agreement.RetargetPolicy, periods.ToImmutable());
    }
}
