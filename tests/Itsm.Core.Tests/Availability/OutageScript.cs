using Itsm.Core.Availability;
using NodaTime;

namespace Itsm.Core.Tests.Availability;

/// <summary>One step of an <see cref="OutageScript"/>: 0 records (only as the first), 1 ends, 2 corrects; minutes from the script's origin.</summary>
public sealed record OutageStep(int Kind, int StartMinute, int? EndMinute, bool Planned, int Item, int Cause, string? Reason, int DelayMinutes)
{
    /// <summary>The details the step names.</summary>
    public OutageDetails Details => new(
        ConfigurationItemId.From($"item-{Item}"),
        OutageScript.Origin + Duration.FromMinutes(StartMinute),
        EndMinute is { } e ? OutageScript.Origin + Duration.FromMinutes(e) : null,
        Planned ? OutageKind.Planned : OutageKind.Unplanned,
        Cause switch
        {
            1 => OutageCause.OfIncident(IncidentId.From(new Guid(1, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]))),
            2 => OutageCause.OfChange(ChangeId.From(new Guid(2, 0, 0, [0, 0, 0, 0, 0, 0, 0, 2]))),
            _ => null,
        });
}

/// <summary>A recording followed by steps, each dated <see cref="OutageStep.DelayMinutes"/> after the one before (negative: backwards).</summary>
public sealed record OutageScript(OutageStep First, OutageStep[] Steps)
{
    /// <summary>The instant minutes count from.</summary>
    public static readonly Instant Origin = Instant.FromUtc(2026, 3, 2, 9, 0);

    /// <summary>Prints the steps, for a failing case's report.</summary>
    public override string ToString() => $"{First} then [{string.Join(", ", Steps.Select(s => s.ToString()))}]";
}
