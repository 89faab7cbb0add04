using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Releases;
using NodaTime;

namespace Itsm.Core.Application.Releases;

/// <summary>One release with its version; NotFound (<c>release.not-found</c>) when the tenant has none with that id.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Release">The release.</param>
public sealed record GetRelease(RequestContext Context, ReleaseId Release) : IQuery<Result<Versioned<Release>>>;

/// <summary>The tenant's releases, of one unit and in some states when given, ordered by release unit, version and id.</summary>
/// <param name="Context">Who asks.</param>
public sealed record ListReleases(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<Release>>>>
{
    /// <summary>Only releases of this unit; null for every unit.</summary>
    public ReleaseUnitId? Unit { get; init; }

    /// <summary>Only releases in these states; null for any state.</summary>
    public IReadOnlyList<ReleaseState>? States { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// The latest (greatest) version planned for a release unit, which the next release of it must exceed; NotFound
/// (<c>release.unit.not-found</c>) before the unit's first release.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Unit">The release unit.</param>
public sealed record GetLatestReleaseVersion(RequestContext Context, ReleaseUnitId Unit) : IQuery<Result<ReleaseVersion>>;

/// <summary>
/// The acceptance gate's verdict on a release now (<see cref="ReleaseAcceptanceGate.Check"/>), over the same evidence
/// <see cref="AcceptRelease"/> reads; every unmet criterion, explained. Changes nothing.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Release">The release.</param>
public sealed record CheckReleaseAcceptance(RequestContext Context, ReleaseId Release) : IQuery<Result<AcceptanceVerdict>>
{
    /// <summary>The known errors the acceptor would acknowledge; empty unless set.</summary>
    public ImmutableArray<KnownErrorId> Acknowledged { get; init; } = [];

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// The release calendar of a period: the planned deployment windows of open releases that overlap
/// [<paramref name="PeriodStart"/>, <paramref name="PeriodEnd"/>), and the blackouts in it of their items and the services those impact. Invalid
/// (<c>release.calendar.period</c>) unless the period starts before it ends.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="PeriodStart">The period's start.</param>
/// <param name="PeriodEnd">The period's end (exclusive).</param>
public sealed record GetReleaseCalendar(RequestContext Context, Instant PeriodStart, Instant PeriodEnd) : IQuery<Result<ReleaseCalendar>>;

/// <summary>One planned deployment on the release calendar.</summary>
/// <param name="Release">The release.</param>
/// <param name="Unit">Its release unit.</param>
/// <param name="Version">Its version.</param>
/// <param name="Title">Its title.</param>
/// <param name="State">Where the release is in its lifecycle.</param>
/// <param name="Environment">The environment deployed to.</param>
/// <param name="Window">The planned deployment window.</param>
/// <param name="Items">The target items in that environment.</param>
/// <param name="Passed">True when the release has passed this environment (deployed, verified, not rolled back).</param>
public sealed record ReleaseCalendarEntry(
    ReleaseId Release, ReleaseUnitId Unit, ReleaseVersion Version, string Title, ReleaseState State, DeploymentEnvironment Environment, Interval Window, ImmutableArray<ConfigurationItemId> Items, bool Passed)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The release calendar of a period.</summary>
/// <param name="Period">The period.</param>
/// <param name="Entries">The planned deployments of open releases overlapping it, by window start, then release unit, version and environment.</param>
/// <param name="Blackouts">The blackout windows of the entries' items, and of the services those impact, overlapping the period.</param>
public sealed record ReleaseCalendar(Interval Period, IReadOnlyList<ReleaseCalendarEntry> Entries, IReadOnlyList<BlackoutWindow> Blackouts)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
