using System.Collections.Immutable;
using FsCheck.Xunit;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using Itsm.Core.Tests.Configuration;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Problems;

/// <summary>Problem candidates from topology, against a plain reachability reference.</summary>
public sealed class ProblemCandidatesTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    [Fact]
    public void Find_RepeatedIncidentsOnTheStorageBehindTwoServices_AreOneCandidateNamingTheStorage()
    {
        var b = new CmdbSnapshotBuilder();
        foreach (var id in new[] { "svc-mail", "svc-web", "app-mail", "app-web", "db-01", "san-01", "printer" })
        {
            Assert.True(b.AddItem(ConfigurationItemId.From(id), ConfigurationItemClass.Server, BusinessCriticality.High, RedundancyRule.AllRequired, false).IsSuccess);
        }

        foreach (var (s, t) in new[] { ("svc-mail", "app-mail"), ("svc-web", "app-web"), ("app-mail", "db-01"), ("app-web", "db-01"), ("db-01", "san-01") })
        {
            Assert.True(b.AddRelationship(ConfigurationItemId.From(s), ConfigurationItemId.From(t), RelationshipType.DependsOn).IsSuccess);
        }

        var snapshot = b.Build().Value;
        var incidents = new[] { ("svc-mail", 0), ("svc-web", 30), ("app-mail", 60), ("printer", 70), ("svc-web", 24 * 60 * 3) }
            .Select((x, i) => new IncidentOccurrence(Incident(i), Start + Duration.FromMinutes(x.Item2), ConfigurationItemId.From(x.Item1)))
            .Append(new IncidentOccurrence(Incident(9), Start, ConfigurationItemId.From("not-in-cmdb")))
            .ToList();

        var search = ProblemCandidates.Find(snapshot, incidents, Duration.FromHours(24), 3).Value;

        var candidate = Assert.Single(search.Candidates);
        Assert.Equal("db-01", candidate.SharedItem.Value); // db-01 is nearer than san-01, which covers the same three
        Assert.Equal([Incident(0), Incident(1), Incident(2)], candidate.Incidents.ToArray());
        Assert.Equal([Incident(9)], search.Unplaced.ToArray());
        Assert.Equal("incident " + Incident(0) + " (2026-03-02T00:00:00Z) on svc-mail: db-01 -> app-mail -> svc-mail", candidate.Explanation[1]);
        Assert.Empty(ProblemCandidates.Find(snapshot, incidents, Duration.FromHours(24), 4).Value.Candidates);
        Assert.Equal(ProblemCandidates.WindowCode, ProblemCandidates.Find(snapshot, incidents, Duration.Zero, 3).ErrorCode);
        Assert.Equal(ProblemCandidates.MinimumCode, ProblemCandidates.Find(snapshot, incidents, Duration.FromHours(1), 1).ErrorCode);
    }

    /// <summary>The answer is exactly the definition evaluated naively: runs of the incidents each item covers (by plain reachability), maximal sets, nearest item.</summary>
    [Property]
    public void Find_IsTheDefinition_EvaluatedByPlainReachability(CandidateCase c)
    {
        var search = c.Find(c.Window);

        Assert.Equal(c.Reference(c.Window), search.Candidates.Select(x => (x.SharedItem.Value, string.Join(",", x.Incidents))).ToList());
        Assert.Equal(c.Occurrences.Where(o => c.Cmdb.Retired[CmdbCase.Index(o.Item)]).Select(o => o.Incident).Order().ToArray(), search.Unplaced.ToArray());
        foreach (var candidate in search.Candidates)
        {
            foreach (var member in candidate.Explanation.Factors)
            {
                Assert.True(c.Reaches(CmdbCase.Index(candidate.SharedItem), CmdbCase.Index(member.Item)));
                Assert.Equal(candidate.SharedItem, member.Path.Factors[0].Id);
                Assert.Equal(member.Item, member.Path.Factors[^1].Id);
            }
        }
    }

    /// <summary>Each member's path, walked inside its item's closure only, is the whole-CMDB impact analysis's explanation: the same steps, states and lines.</summary>
    [Property]
    public void Find_MemberPaths_AreTheImpactAnalysisExplanations(CandidateCase c)
    {
        foreach (var candidate in c.Find(c.Window).Candidates)
        {
            var impact = ImpactAnalysis.Analyse(c.Snapshot, candidate.SharedItem).Value;
            foreach (var member in candidate.Explanation.Factors)
            {
                var expected = impact.Explain(member.Item);
                Assert.Equal(expected.Factors.ToArray(), member.Path.Factors.ToArray());
                Assert.Equal(expected.ToList(), member.Path.ToList());
            }
        }
    }

    /// <summary>
    /// On CMDBs past 64 items (more than one word of the walk's bitsets) with a dependency cycle through the incidents' items,
    /// the explanations formed on first read from the walk's parent pointers are the naive ones: each member's path starts at
    /// the shared item, ends at its item, is as short as a plain breadth-first search says, steps along real impact
    /// relationships with the reference's states, and its lines and the candidate's lines are the texts written from the steps.
    /// </summary>
    [Property]
    public void Find_Explanations_AreTheNaiveOnes_PastOneWordWithCycles(LargeCandidateCase large)
    {
        var c = large.Case;
        foreach (var candidate in c.Find(c.Window).Candidates)
        {
            var shared = CmdbCase.Index(candidate.SharedItem);
            var distances = c.ReachableFrom(shared);
            var states = c.Cmdb.Reference([shared], excludeMaintenance: false);
            var expectedLines = new List<string> { $"{candidate.Incidents.Length} incidents opened from {candidate.From} to {candidate.To}, each within {c.Window} of the one before, all depend on {candidate.SharedItem}" };
            foreach (var member in candidate.Explanation.Factors)
            {
                var steps = member.Path.Factors;
                Assert.Equal(candidate.SharedItem, steps[0].Id);
                Assert.Equal(member.Item, steps[^1].Id);
                Assert.Equal(distances[CmdbCase.Index(member.Item)], steps.Length - 1);
                Assert.Equal($"{steps[0].Id} failed", member.Path[0]);
                for (var i = 1; i < steps.Length; i++)
                {
                    var (from, to) = (CmdbCase.Index(steps[i - 1].Id), CmdbCase.Index(steps[i].Id));
                    Assert.True(c.Cmdb.HasImpactEdge(from, to), $"{steps[i - 1].Id} -> {steps[i].Id} is no impact relationship");
                    Assert.Equal(steps[i - 1].Id, steps[i].From);
                    Assert.Equal(states[to], steps[i].State);
                    Assert.Equal($"{steps[i].Id} {(steps[i].State == ImpactState.Down ? "down" : "degraded")}: {steps[i].Relationship}", member.Path[i]);
                }

                expectedLines.Add(member.Item == candidate.SharedItem
                    ? $"incident {member.Incident} ({member.OpenedAt}) hit {candidate.SharedItem} itself"
                    : $"incident {member.Incident} ({member.OpenedAt}) on {member.Item}: {string.Join(" -> ", steps.Select(s => s.Id.Value))}");
            }

            Assert.Equal(expectedLines, candidate.Explanation.Lines);
        }
    }

    [Property]
    public void Find_IsOrderIndependent(CandidateCase c, int seed)
    {
        var shuffled = c.Occurrences.OrderBy(o => HashCode.Combine(o.Incident, seed)).ToList();

        var a = c.Find(c.Window);
        var b = ProblemCandidates.Find(c.Snapshot, shuffled, c.Window, c.Minimum).Value;

        Assert.Equal(a.Candidates.Select(Text), b.Candidates.Select(Text));
        Assert.Equal(a.Unplaced.ToArray(), b.Unplaced.ToArray());
    }

    /// <summary>A larger window only merges: every candidate of the smaller window lies inside one of the larger.</summary>
    [Property]
    public void Find_IsMonotoneInTheWindow(CandidateCase c, byte extraMinutes)
    {
        var small = c.Find(c.Window);
        var large = c.Find(c.Window + Duration.FromMinutes(extraMinutes));

        foreach (var candidate in small.Candidates)
        {
            Assert.Contains(large.Candidates, l => candidate.Incidents.All(l.Incidents.Contains));
        }
    }

    /// <summary>At a window exactly equal to a gap between two incidents (the edge of a run) the answer is still the definition's, with minimum 2 so that many run sets share the maximality marks.</summary>
    [Property]
    public void Find_AtAWindowEqualToAGap_IsTheDefinition(CandidateCase c, byte pick)
    {
        var minutes = c.Incidents.Select(x => x.Minute).Distinct().Order().ToArray();
        var gaps = minutes.Zip(minutes.Skip(1), (a, b) => b - a).ToArray();
        var window = Duration.FromMinutes(gaps.Length == 0 ? 1 : gaps[pick % gaps.Length]);
        var edge = c with { Minimum = 2 };

        Assert.Equal(edge.Reference(window), edge.Find(window).Candidates.Select(x => (x.SharedItem.Value, string.Join(",", x.Incidents))).ToList());
    }

    private static string Text(ProblemCandidate c) => $"{c.SharedItem} {string.Join(",", c.Incidents)} {c.Explanation}";

    internal static IncidentId Incident(int i) => IncidentId.From(new Guid(i, 0, 0x7000, 0x80, 0, 0, 0, 0, 0, 0, 0));
}

/// <summary>A candidate case on a CMDB past 64 items, with a dependency cycle through the items its incidents hit.</summary>
public sealed record LargeCandidateCase(CandidateCase Case)
{
    public override string ToString() => Case.ToString();
}

/// <summary>A random CMDB (past 64 items in about half the cases), incidents on its items (now and then a retired one), a window and a minimum.</summary>
public sealed record CandidateCase(CmdbCase Cmdb, (int Item, int Minute)[] Incidents, int WindowMinutes, int Minimum)
{
    private CmdbSnapshot? snapshot;

    public CmdbSnapshot Snapshot => snapshot ??= Cmdb.Build().Value;

    public Duration Window => Duration.FromMinutes(WindowMinutes);

    public IReadOnlyList<IncidentOccurrence> Occurrences =>
        [.. Incidents.Select((x, i) => new IncidentOccurrence(ProblemCandidatesTests.Incident(i), Instant.FromUtc(2026, 3, 2, 0, 0) + Duration.FromMinutes(x.Minute), CmdbCase.Id(x.Item)))];

    public ProblemCandidateSearch Find(Duration window) => ProblemCandidates.Find(Snapshot, Occurrences, window, Minimum).Value;

    /// <summary>Distances from <paramref name="from"/> to each item that depends on it, by a plain breadth-first search over the reference's dependents.</summary>
    public Dictionary<int, int> ReachableFrom(int from)
    {
        var distance = new Dictionary<int, int> { [from] = 0 };
        var queue = new Queue<int>([from]);
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            foreach (var v in Cmdb.DependentsOf(u).Where(v => !distance.ContainsKey(v)))
            {
                distance[v] = distance[u] + 1;
                queue.Enqueue(v);
            }
        }

        return distance;
    }

    public bool Reaches(int from, int to) => ReachableFrom(from).ContainsKey(to);

    /// <summary>The definition, naively: for every live item its covered incidents' runs, the candidate sets, the maximal ones, the nearest item of each.</summary>
    public List<(string Shared, string Incidents)> Reference(Duration window)
    {
        var occurrences = Occurrences.Where(o => !Cmdb.Retired[CmdbCase.Index(o.Item)]).OrderBy(o => o.OpenedAt).ThenBy(o => o.Incident).ToList();
        var sets = new List<(int Item, List<IncidentOccurrence> Members, long Distance)>();
        foreach (var s in Cmdb.Live)
        {
            var reach = ReachableFrom(s);
            var covered = occurrences.Where(o => reach.ContainsKey(CmdbCase.Index(o.Item))).ToList();
            var run = new List<IncidentOccurrence>();
            foreach (var o in covered.Append(default))
            {
                if (run.Count > 0 && (o.Item.Value is null || o.OpenedAt - run[^1].OpenedAt > window))
                {
                    if (run.Count >= Minimum)
                    {
                        sets.Add((s, run, run.Sum(m => (long)reach[CmdbCase.Index(m.Item)])));
                    }

                    run = [];
                }

                run.Add(o);
            }
        }

        static string Key(List<IncidentOccurrence> m) => string.Join(",", m.Select(o => o.Incident));
        return [.. sets
            .Where(x => !sets.Any(y => y.Members.Count > x.Members.Count && x.Members.All(y.Members.Contains)))
            .GroupBy(x => Key(x.Members))
            .Select(g => (First: g.First().Members[0], Shared: g.OrderBy(x => x.Distance).ThenBy(x => CmdbCase.Id(x.Item).Value, StringComparer.Ordinal).First().Item, Key: g.Key))
            .OrderBy(x => x.First.OpenedAt).ThenBy(x => x.First.Incident).ThenBy(x => CmdbCase.Id(x.Shared).Value, StringComparer.Ordinal)
            .Select(x => (CmdbCase.Id(x.Shared).Value, x.Key))];
    }

    public override string ToString() =>
        $"{Cmdb} incidents [{string.Join(" ", Incidents.Select(x => $"c{x.Item}@{x.Minute}"))}] window {WindowMinutes}m minimum {Minimum}";
}
