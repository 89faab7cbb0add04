using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>One start and its two deadlines: the SLA's and the underpinning chain's.</summary>
/// <param name="Start">When the incident opens (a whole second).</param>
/// <param name="SlaDue">The SLA's deadline, <c>SLA.Add(Start, slaTarget)</c>.</param>
/// <param name="UcDue">The chain's deadline, <c>UC.Add(SLA.Add(Start, handoff), ucTarget)</c>.</param>
public sealed record UnderpinningFinding(Instant Start, Instant SlaDue, Instant UcDue)
{
    /// <summary>How much later the chain is due than the SLA (positive when the chain fails to underpin; zero or negative otherwise).</summary>
    public Duration Shortfall => UcDue - SlaDue;
}

/// <summary>A run of consecutive failing starts: every whole second from <paramref name="First"/> to <paramref name="Last"/>, both inclusive, fails.</summary>
/// <param name="First">The first failing start (the second before it passes, or is before the period).</param>
/// <param name="Last">The last failing start (the second after it passes, or is past the period).</param>
public readonly record struct FailingStarts(Instant First, Instant Last);

/// <summary>
/// What <see cref="UnderpinningChecker.Check"/> found over a period: whether the chain underpins the
/// SLA target at every start, and when not, the earliest failing start, the worst shortfall and
/// every run of failing starts.
/// </summary>
/// <param name="Period">The period checked; its starts are the whole UTC seconds in it.</param>
/// <param name="FirstFailure">The earliest start at which the chain is due after the SLA; null when it underpins.</param>
/// <param name="WorstShortfall">The start with the largest shortfall (the earliest of equals); null when it underpins.</param>
/// <param name="FailingIntervals">Every maximal run of failing starts, ascending and disjoint.</param>
/// <param name="Breakpoints">How many breakpoints of the two deadline functions were examined (a measure of the work done).</param>
public sealed record UnderpinningReport(
    Interval Period,
    UnderpinningFinding? FirstFailure,
    UnderpinningFinding? WorstShortfall,
    ImmutableArray<FailingStarts> FailingIntervals,
    int Breakpoints)
{
    /// <summary>True when the chain is due no later than the SLA at every start of the period.</summary>
    public bool Underpins => FirstFailure is null;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
