using NodaTime;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>
/// An incident opened at <paramref name="Opened"/> (London local time) under version 1 with a resolution target of
/// <paramref name="VersionOneMinutes"/>, and version 2 in force from the start of the day <paramref name="DaysLater"/> after the
/// opening day, with <paramref name="VersionTwoMinutes"/> (or, when that is -1, the same target as version 1: a change that
/// changes nothing).
/// </summary>
public sealed record VersionChangeCase(LocalDateTime Opened, int VersionOneMinutes, int VersionTwoMinutes, int DaysLater)
{
    /// <summary>Version 2's resolution target, in minutes.</summary>
    public int VersionTwo => VersionTwoMinutes < 0 ? VersionOneMinutes : VersionTwoMinutes;
}
