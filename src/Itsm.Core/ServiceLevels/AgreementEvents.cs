using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>One service an agreement covers, at one of its offerings.</summary>
/// <param name="Service">The business service (its configuration item).</param>
/// <param name="Offering">The name of the service's offering agreed, such as <c>gold</c>.</param>
/// <remarks>Data; ordered by service, then offering (ordinal). <c>default</c> is unassigned and refused by the agreement.</remarks>
public readonly record struct AgreementCoverage(ConfigurationItemId Service, string Offering) : IComparable<AgreementCoverage>
{
    /// <inheritdoc />
    public int CompareTo(AgreementCoverage other)
    {
        var byService = Service.CompareTo(other.Service);
        return byService != 0 ? byService : string.CompareOrdinal(Offering, other.Offering);
    }

    /// <summary>Reads as <c>payroll/gold</c>.</summary>
    public override string ToString() => $"{Service}/{Offering}";
}

/// <summary>What one version of an agreement says; frozen once the version is signed.</summary>
/// <param name="Title">A one-line name, such as <c>Payroll for Acme 2027</c>.</param>
/// <param name="Coverage">The services and offerings agreed, distinct and ordered, each service once; at least one.</param>
/// <param name="EffectiveFrom">The local date, in the agreement's zone, from whose start the version is in force.</param>
/// <param name="ReviewIntervalMonths">How often the agreement is reviewed, in months (1 to 120).</param>
public sealed record AgreementTerms(string Title, ImmutableArray<AgreementCoverage> Coverage, LocalDate EffectiveFrom, int ReviewIntervalMonths)
{
    /// <summary>The longest review interval, in months.</summary>
    public const int MaxReviewIntervalMonths = 120;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>True when the terms cover <paramref name="service"/>.</summary>
    public bool Covers(ConfigurationItemId service) => !Coverage.IsDefault && Coverage.Any(c => c.Service == service);

    /// <summary>The offering agreed for <paramref name="service"/>, or null when the terms do not cover it.</summary>
    public string? OfferingOf(ConfigurationItemId service) => Coverage.IsDefault ? null : Coverage.Where(c => c.Service == service).Select(c => c.Offering).FirstOrDefault();
}

/// <summary>One side's signature on a version.</summary>
/// <param name="Party">The side signed for.</param>
/// <param name="By">Who signed.</param>
/// <param name="At">When.</param>
public readonly record struct AgreementSignature(AgreementParty Party, UserId By, Instant At);

/// <summary>
/// One version of an agreement, as its history leaves it: its terms, its status, its signatures and, once signed, its validity
/// interval <c>[EffectiveAt, EndsAt)</c>, which never overlaps another version's.
/// </summary>
/// <param name="Number">The version's number, from 1.</param>
/// <param name="Terms">What it says.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Signatures">Its signatures, in the order given.</param>
/// <param name="EffectiveAt">The start of its effective date in the agreement's zone, once both sides signed; null before.</param>
/// <param name="EndsAt">When it stops being in force (the next version's effective instant, or the termination), or null while open-ended.</param>
public sealed record AgreementVersion(int Number, AgreementTerms Terms, AgreementVersionStatus Status, ImmutableArray<AgreementSignature> Signatures, Instant? EffectiveAt, Instant? EndsAt)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>True once both sides signed it (whatever happened after).</summary>
    public bool IsSigned => EffectiveAt.HasValue;

    /// <summary>The interval it is in force in, or null when it never is (unsigned, or terminated before its effective instant).</summary>
    public Interval? Validity => EffectiveAt is { } start && (EndsAt is not { } end || end > start) ? new Interval(start, EndsAt) : null;

    /// <summary>True when it is in force at <paramref name="instant"/>.</summary>
    public bool IsInForceAt(Instant instant) => Validity is { } v && v.Contains(instant);
}

/// <summary>Something that happened to an agreement: its history, and the domain events of each transition.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who did it.</param>
public abstract record AgreementEvent(Instant At, UserId By);

/// <summary>The agreement was drafted with its first version's <paramref name="Terms"/>, with <paramref name="Customer"/>, its dates read in <paramref name="Zone"/>.</summary>
public sealed record AgreementDrafted(Instant At, UserId By, CustomerId Customer, DateTimeZone Zone, AgreementRetargetPolicy RetargetPolicy, AgreementTerms Terms) : AgreementEvent(At, By);

/// <summary>A new version was drafted after the latest signed one, with <paramref name="Terms"/>.</summary>
public sealed record AgreementVersionDrafted(Instant At, UserId By, AgreementTerms Terms) : AgreementEvent(At, By);

/// <summary>The draft was submitted for review.</summary>
public sealed record AgreementSubmittedForReview(Instant At, UserId By) : AgreementEvent(At, By);

/// <summary>The version under review was signed for <paramref name="Party"/>.</summary>
public sealed record AgreementSigned(Instant At, UserId By, AgreementParty Party) : AgreementEvent(At, By);

/// <summary>A scheduled review of the agreement was held.</summary>
public sealed record AgreementReviewed(Instant At, UserId By, string Notes) : AgreementEvent(At, By);

/// <summary>The agreement was terminated at <paramref name="At"/>.</summary>
public sealed record AgreementTerminated(Instant At, UserId By, string Reason) : AgreementEvent(At, By);
