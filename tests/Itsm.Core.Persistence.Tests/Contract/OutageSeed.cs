using System.Collections.Immutable;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// The outages every store is seeded with for the specification contract: three items, starts that tie (so the id decides the
/// order), outages ending exactly at a period's start or starting exactly at its end (half-open: neither overlaps), ongoing ones,
/// and corrected ones whose stored columns must follow the correction; plus a few of another tenant.
/// </summary>
internal static class OutageSeed
{
    public static readonly ConfigurationItemId San = ConfigurationItemId.From("san-01");
    public static readonly ConfigurationItemId NodeA = ConfigurationItemId.From("node-a");
    public static readonly ConfigurationItemId Web = ConfigurationItemId.From("Web");

    /// <summary>Monday 1 March 2027, 00:00 UTC: the seed's outages start in the following days.</summary>
    public static readonly Instant T0 = Instant.FromUtc(2027, 3, 1, 0, 0);

    private static readonly UserId Recorder = UserId.From("availability-manager");

    /// <summary>The tenant's outages, in insertion order.</summary>
    public static ImmutableArray<OutageRecord> Outages { get; } = [.. Enumerable.Range(0, 18).Select(Make)];

    /// <summary>Records of another tenant, never returned for the tenant under test.</summary>
    public static ImmutableArray<OutageRecord> OtherTenantOutages { get; } = [Make(3), Make(7)];

    /// <summary>A period from day 2 to day 4 of the seed.</summary>
    public static Interval Days2To4 { get; } = new(T0 + Duration.FromDays(2), T0 + Duration.FromDays(4));

    /// <summary>The catalogue's cases for the outage specification.</summary>
    public static IEnumerable<(string Name, object Specification)> Cases()
    {
        yield return ("all", new OutagesOverlapping());
        yield return ("days 2 to 4, ongoing and boundary outages", new OutagesOverlapping(Days2To4));
        yield return ("san and node a in days 2 to 4", new OutagesOverlapping(Days2To4, [San, NodeA]));
        yield return ("web's", new OutagesOverlapping(items: [Web]));
        yield return ("no items: empty", new OutagesOverlapping(items: []));
        yield return ("a year before: empty", new OutagesOverlapping(new Interval(T0 - Duration.FromDays(365), T0 - Duration.FromDays(300))));
        yield return ("second page of four", new OutagesOverlapping(Days2To4, page: PageRequest.Of(4, 4)));
    }

    /// <summary>
    /// Outage n: of item n mod 3, starting on day n / 3 at 00:00 (ties within a day, broken by the id) and lasting n mod 4 days,
    /// ongoing when that is zero; every fifth is corrected to start an hour later, every fourth of the ended ones is ended later.
    /// </summary>
    private static OutageRecord Make(int n)
    {
        var item = (n % 3) switch { 0 => San, 1 => NodeA, _ => Web };
        var start = T0 + Duration.FromDays(n / 3);
        var days = n % 4;
        var ongoingEnd = n % 8 == 0 ? start + Duration.FromDays(2) : (Instant?)null;
        var at = T0 + Duration.FromDays(30);
        var record = OutageRecord.Record(OutageId.New(), new OutageDetails(item, start, days == 0 ? null : start + Duration.FromDays(days), n % 2 == 0 ? OutageKind.Planned : OutageKind.Unplanned, null), Recorder, at).Value;
        if (ongoingEnd is { } end)
        {
            Assert.True(record.RecordEnd(end, Recorder, at + Duration.FromHours(1)).IsSuccess);
        }

        if (n % 5 == 0)
        {
            Assert.True(record.Correct(record.Details with { Start = record.Start + Duration.FromHours(1) }, "the alarm was an hour late", Recorder, at + Duration.FromHours(2)).IsSuccess);
        }

        return record;
    }
}
