using FsCheck.Xunit;
using Itsm.Core.Availability;
using Itsm.Core.Tests.Configuration;
using NodaTime;

namespace Itsm.Core.Tests.Availability;

/// <summary>The definitions of <see cref="AvailabilityMeasure"/> and their consequences, on random CMDBs, calendars and outages.</summary>
public sealed class AvailabilityMeasureProperties
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    [Property]
    public bool Measure_RandomCmdbsAndCalendars_EqualsPerMinuteBruteForce(AvailabilityCase c)
    {
        var measured = c.Measure();
        var expected = c.BruteForce();
        for (var s = 0; s < c.Services.Length; s++)
        {
            var (hours, planned, down, degraded, outages) = expected[s];
            var m = measured[s];
            if (m.Service != CmdbCase.Id(c.Services[s]) || m.ServiceHours != Minute * hours || m.Planned != Minute * planned
                || m.Down != Minute * down || m.Degraded != Minute * degraded || m.Outages != outages)
            {
                return false;
            }
        }

        return measured.Count == c.Services.Length;
    }

    [Property]
    public bool Measure_Figures_WithinTheirBoundsAndDerivedAsDefined(AvailabilityCase c) => c.Measure().All(m =>
        m.Planned >= Duration.Zero && m.Planned <= m.ServiceHours
        && m.Down >= Duration.Zero && m.Degraded >= Duration.Zero && m.Down + m.Degraded <= m.Agreed
        && m.ServiceHours <= c.Period.Duration
        && (m.Availability is not { } a || (a >= 0 && a <= 1))
        && (m.Availability is null) == (m.Agreed == Duration.Zero)
        && (m.Outages > 0) == (m.Down > Duration.Zero)
        && (m.Outages == 0
            ? m.MeanTimeToRestore is null && m.MeanTimeBetweenFailures is null && m.MeanTimeBetweenServiceIncidents is null
            : WithinRounding(m.MeanTimeToRestore!.Value, m.Outages, m.Down)
              && WithinRounding(m.MeanTimeBetweenFailures!.Value, m.Outages, m.Agreed - m.Down)
              && WithinRounding(m.MeanTimeBetweenServiceIncidents!.Value, m.Outages, m.Agreed)));

    [Property]
    public bool Measure_DisjointPeriods_AddUp(AvailabilityCase c)
    {
        var split = c.From + (Minute * (c.Pick % (c.LengthMinutes + 1)));
        var whole = c.Measure();
        var first = c.Measure(period: new Interval(c.From, split));
        var second = c.Measure(period: new Interval(split, c.To));
        for (var s = 0; s < whole.Count; s++)
        {
            var (w, a, b) = (whole[s], first[s], second[s]);
            var extra = a.Outages + b.Outages - w.Outages;
            if (a.ServiceHours + b.ServiceHours != w.ServiceHours || a.Planned + b.Planned != w.Planned
                || a.Agreed + b.Agreed != w.Agreed || a.Down + b.Down != w.Down || a.Degraded + b.Degraded != w.Degraded
                || extra is < 0 or > 1)
            {
                return false;
            }

            // One outage more only when a down interval straddles the split and shares agreed time with both sides.
            if (extra == 1 && !(a.Down > Duration.Zero && b.Down > Duration.Zero))
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool Measure_OverlappingCopiesOfOutages_CountedOnce(AvailabilityCase c)
    {
        var copies = c.Outages.SelectMany(o => new[]
        {
            o,
            o,
            o.LengthMinutes is not { } l ? o with { StartMinute = o.StartMinute + 1 } : l >= 3 ? o with { StartMinute = o.StartMinute + 1, LengthMinutes = l - 2 } : o,
        }).ToArray();
        return c.Measure(copies).SequenceEqual(c.Measure());
    }

    [Property]
    public bool Measure_OutagesOutsideServiceHours_CountNothing(AvailabilityCase c)
    {
        // Fill every gap between working intervals in the period with an outage of each item of the first outages.
        var working = c.Hours.WorkingIntervals(c.From, c.To);
        var gaps = new List<(int Start, int Length)>();
        var at = c.From;
        foreach (var interval in working.Append(new Interval(c.To, c.To)))
        {
            if (interval.Start > at)
            {
                gaps.Add(((int)(at - c.From).TotalMinutes, (int)(interval.Start - at).TotalMinutes));
            }

            at = interval.End;
        }

        var items = c.Outages.Select(o => o.Item).Append(0).Append(c.Pick % c.Cmdb.Count).Where(v => !c.Cmdb.Retired[v]).Distinct().ToArray();
        var outside = gaps.SelectMany(g => items.Select((v, i) => new OutageSpec(v, g.Start, g.Length, i % 2 == 0))).ToArray();
        var before = c.Measure();
        var after = c.Measure([.. c.Outages, .. outside]);
        return before.Zip(after).All(p =>
            p.First.Planned == p.Second.Planned && p.First.Down == p.Second.Down && p.First.Degraded == p.Second.Degraded
            && p.First.Agreed == p.Second.Agreed && p.Second.Outages <= p.First.Outages);
    }

    [Property]
    public bool Measure_AnotherMemberForAGroup_NeverLowersAgreedUptime(AvailabilityCase c)
    {
        var cmdb = c.Cmdb;
        var groups = cmdb.Live.Where(v => cmdb.MembersOf(v).Length > 0).ToArray();
        var group = groups.Length > 0 ? groups[c.Pick % groups.Length] : c.Pick % cmdb.Count;
        if (cmdb.Retired[group])
        {
            return true;
        }

        var n = cmdb.Count;
        var wider = new CmdbCase(
            n + 1,
            [.. cmdb.Edges, (n, group, 3)],
            [.. cmdb.MinimumUp, 0],
            [.. cmdb.Maintenance, false],
            [.. cmdb.Retired, false],
            cmdb.Failed);
        var before = c.Measure();
        var after = c.Measure(cmdb: wider);
        var anyPlanned = c.Outages.Any(o => o.Planned);
        return before.Zip(after).All(p =>
            p.Second.Uptime >= p.First.Uptime
            && p.Second.Planned <= p.First.Planned
            && p.Second.Planned + p.Second.Down <= p.First.Planned + p.First.Down
            && (anyPlanned || p.Second.Availability >= p.First.Availability || p.First.Availability is null));
    }

    private static bool WithinRounding(Duration mean, int outages, Duration total)
    {
        var product = mean.ToInt64Nanoseconds() * outages;
        var nanos = total.ToInt64Nanoseconds();
        return product <= nanos && nanos - product < outages;
    }
}

/// <summary>Targets assessed against generated figures.</summary>
public sealed class AvailabilityTargetProperties
{
    [Property]
    public bool Assess_MetExactlyWhenDowntimeWithinWhatTheTargetAllows_AndAHigherTargetAllowsNoMore(AvailabilityCase c)
    {
        var figures = c.Measure()[0];
        var targets = new[] { 0.5, 0.9, 0.99, 0.999, 1.0 };
        var attained = targets.Select(t => AvailabilityTarget.Create(figures.Service, t).Value.Assess(figures).Value).ToArray();
        for (var i = 0; i < attained.Length; i++)
        {
            var a = attained[i];
            if (a.Met != (figures.Down <= a.AllowedDowntime) || a.ToSpare != a.AllowedDowntime - figures.Down
                || (figures.Availability is { } achieved && a.Met && achieved < targets[i] - 1e-9)
                || (i > 0 && (a.AllowedDowntime > attained[i - 1].AllowedDowntime || (a.Met && !attained[i - 1].Met))))
            {
                return false;
            }
        }

        return attained[^1].Met == (figures.Down == Duration.Zero);
    }
}
