using NodaTime;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>One step of an agreement script.</summary>
public enum AgreementStep
{
    /// <summary>Submit the latest version and sign it for both sides.</summary>
    SignFully,

    /// <summary>Draft a new version.</summary>
    DraftVersion,

    /// <summary>Submit the draft.</summary>
    Submit,

    /// <summary>Sign for the provider.</summary>
    SignProvider,

    /// <summary>Sign for the customer.</summary>
    SignCustomer,

    /// <summary>Record a review.</summary>
    Review,

    /// <summary>Terminate.</summary>
    Terminate,
}

/// <summary>
/// An agreement script: a zone, the first version's effective date, and steps, each after <c>Hours</c> more hours; a drafted
/// version takes effect <c>Days</c> days after the local date then (-1: a day before; <see cref="int.MaxValue"/>: on the zone's next
/// transition day).
/// </summary>
public sealed record AgreementScript(string Zone, LocalDate First, (AgreementStep Kind, int Hours, int Days)[] Steps)
{
    /// <summary>The local dates of the zone's transitions from 2026 to 2029.</summary>
    public static IReadOnlyList<LocalDate> TransitionDates(DateTimeZone zone) =>
        [.. zone.GetZoneIntervals(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2030, 1, 1, 0, 0)).Skip(1).Where(i => i.HasStart).Select(i => i.Start.InZone(zone).Date)];

    /// <summary>Reads as the zone, the date and the steps, for a failing case's report.</summary>
    public override string ToString() => $"{Zone} from {First}: {string.Join(", ", Steps.Select(s => $"{s.Kind}+{s.Hours}h/{s.Days}d"))}";
}
