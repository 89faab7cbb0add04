using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// One signed version of an agreement as the clocks of one service read it: the version's number, the interval it is in force
/// in, the offering it agrees for the service and that offering's targets by priority rank.
/// </summary>
/// <param name="Version">The agreement version's number.</param>
/// <param name="From">The instant it comes into force (its effective date's start in the agreement's zone).</param>
/// <param name="Until">The instant it stops being in force, or null while open-ended.</param>
/// <param name="Offering">The offering the version agrees for the service.</param>
/// <param name="Targets">The offering's response and resolution targets by priority rank.</param>
/// <remarks>Data; <see cref="ServiceLevelTargetResolver.Resolve"/> builds it from a signed version, so its interval is non-empty.</remarks>
public sealed record AgreementTargetPeriod(int Version, Instant From, Instant? Until, string Offering, ImmutableSortedDictionary<int, SlaTargets> Targets)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>True when the version is in force at <paramref name="instant"/>: <c>[From, Until)</c>.</summary>
    public bool Contains(Instant instant) => instant >= From && (Until is not { } end || instant < end);

    /// <summary>Reads as <c>version 2 (gold)</c>.</summary>
    public override string ToString() => $"version {Version} ({Offering})";
}

/// <summary>
/// The targets one agreement sets for one service over time: its signed versions that cover the service, oldest first, with
/// the agreement's re-target policy. What an SLA clock is measured against when an agreement governs it.
/// </summary>
/// <param name="Agreement">The agreement.</param>
/// <param name="Policy">Which version a running clock follows when a new one comes into force.</param>
/// <param name="Periods">The versions covering the service, oldest first; their intervals never overlap.</param>
/// <remarks>
/// <para>
/// Under <see cref="AgreementRetargetPolicy.KeepStartingVersion"/> a clock keeps the targets of the version in force when it
/// started; under <see cref="AgreementRetargetPolicy.Retarget"/> it takes each new version's targets from the instant that
/// version comes into force (<see cref="ChangesBetween"/>), through the clock's own re-target machinery.
/// </para>
/// <para>Data; immutable and thread-safe. <see cref="ServiceLevelTargetResolver"/> builds it.</para>
/// </remarks>
public sealed record AgreementTargets(AgreementId Agreement, AgreementRetargetPolicy Policy, ImmutableArray<AgreementTargetPeriod> Periods)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>The version in force at <paramref name="instant"/>, or null when none covering the service is.</summary>
    public AgreementTargetPeriod? PeriodAt(Instant instant) => Periods.IsDefault ? null : Periods.FirstOrDefault(p => p.Contains(instant));

    /// <summary>
    /// The version whose targets govern, at <paramref name="at"/>, a clock started at <paramref name="clockStarted"/>: the one in
    /// force at the start under <see cref="AgreementRetargetPolicy.KeepStartingVersion"/>, the one in force at
    /// <paramref name="at"/> under <see cref="AgreementRetargetPolicy.Retarget"/> (the start's when none is in force then).
    /// </summary>
    public AgreementTargetPeriod? Governing(Instant clockStarted, Instant at) =>
        ReferenceEquals(Policy, AgreementRetargetPolicy.Retarget) && PeriodAt(at) is { } now ? now : PeriodAt(clockStarted);

    /// <summary>
    /// The versions a clock started at <paramref name="clockStarted"/> is re-targeted to, in <c>(clockStarted, until]</c>: under
    /// <see cref="AgreementRetargetPolicy.Retarget"/> each version covering the service that comes into force then; none under
    /// <see cref="AgreementRetargetPolicy.KeepStartingVersion"/>.
    /// </summary>
    public IEnumerable<AgreementTargetPeriod> ChangesBetween(Instant clockStarted, Instant until) =>
        !ReferenceEquals(Policy, AgreementRetargetPolicy.Retarget) || Periods.IsDefault
            ? []
            : Periods.Where(p => p.From > clockStarted && p.From <= until);

    /// <summary>The reason a clock records when it is re-targeted to <paramref name="period"/>.</summary>
    public string RetargetReason(AgreementTargetPeriod period)
    {
        Preconditions.CheckNotNull(period);
        return $"agreement {Agreement} {period} in force";
    }
}
