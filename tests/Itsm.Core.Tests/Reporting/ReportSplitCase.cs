using NodaTime;

namespace Itsm.Core.Tests.Reporting;

/// <summary>One incident of a <see cref="ReportSplitCase"/>: opened some minutes into the month, perhaps assigned and resolved some minutes later.</summary>
public sealed record SplitIncident(int OpenedMinute, int Impact, int Urgency, int? AssignedAfter, int? ResolvedAfter);

/// <summary>
/// A month in London (one with a clock change, or not), its incidents, and the instant version 2 of the agreement comes into
/// force: <paramref name="Change"/> minutes from the month's start (0 and the month's length are its edges; negative or
/// beyond: outside the month).
/// </summary>
public sealed record ReportSplitCase(YearMonth Month, int Change, IReadOnlyList<SplitIncident> Incidents)
{
    /// <summary>Reads the case for a failure message.</summary>
    public override string ToString() => $"{Month}, change at minute {Change}, incidents [{string.Join("; ", Incidents)}]";
}
