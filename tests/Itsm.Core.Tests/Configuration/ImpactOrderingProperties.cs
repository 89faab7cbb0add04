using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Tests.Configuration;

/// <summary>
/// The ordered answers (<see cref="ImpactResult.ByDistanceThenId"/>, <see cref="ImpactResult.CopyByDistanceThenIdTo"/>,
/// <see cref="ImpactResult.EnumerateUtf8ByDistanceThenId"/>) on CMDBs of thousands of items with ids of random text, so that
/// a distance's ranks lie far apart or close together: runs of two items among 8,000 (which are sorted), runs of hundreds
/// (which are read back from bits), and everything between, always the plain sort of the result; three answers on each
/// snapshot, so that one answer's ordering must leave the bits it borrows clear for the next.
/// </summary>
public sealed class ImpactOrderingProperties
{
    private const string Alphabet = "ab-_0123456789zé";

    [Property]
    public Property OrderedAnswers_FanOutsOverThousandsOfItems_AreTheResultSortedByDistanceThenOrdinalId() =>
        Prop.ForAll(
            (from count in Gen.Choose(70, 8_000)
             from seed in Gen.Choose(0, int.MaxValue)
             from fanOut in Gen.Frequency((2, Gen.Choose(2, 6)), (2, Gen.Choose(7, 60)), (1, Gen.Choose(61, 600)))
             select (count, seed, fanOut)).ToArbitrary(),
            c =>
            {
                var random = new Random(c.seed);
                var builder = new CmdbSnapshotBuilder(c.count, c.count * 2);
                var ids = new HashSet<string>(StringComparer.Ordinal);
                while (ids.Count < c.count)
                {
                    ids.Add(new string([.. Enumerable.Range(0, random.Next(1, 20)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]));
                }

                // One item in ten is a cluster that needs one of its two members up: degraded when one of them is impacted.
                var items = ids.Select(ConfigurationItemId.From).ToArray();
                var clusters = Enumerable.Range(1, c.count - 2).Where(_ => random.Next(10) == 0).ToArray();
                var isCluster = clusters.ToHashSet();
                for (var v = 0; v < items.Length; v++)
                {
                    Assert.True(builder.AddItem(items[v], ConfigurationItemClass.Server, BusinessCriticality.None, isCluster.Contains(v) ? RedundancyRule.AtLeast(1) : default).IsSuccess);
                }

                // Item 0 fails; it reaches fanOut items at distance 1, each of which reaches a few more (random, so distances overlap).
                var fanOut = Math.Min(c.fanOut, c.count - 1);
                var edges = new HashSet<(int, int)>();
                foreach (var child in Enumerable.Range(1, c.count - 1).OrderBy(_ => random.Next()).Take(fanOut))
                {
                    edges.Add((child, 0));
                    for (var k = random.Next(0, 4); k > 0; k--)
                    {
                        edges.Add((random.Next(1, c.count), child));
                    }
                }

                foreach (var (dependent, provider) in edges.Where(e => e.Item1 != e.Item2))
                {
                    Assert.True(builder.AddRelationship(items[dependent], items[provider], RelationshipType.DependsOn).IsSuccess);
                }

                var members = new List<ConfigurationItemId>();
                foreach (var cluster in clusters)
                {
                    // Members come after their cluster, so membership never forms a cycle.
                    var first = random.Next(cluster + 1, c.count);
                    var second = random.Next(cluster + 1, c.count);
                    Assert.True(builder.AddRelationship(items[first], items[cluster], RelationshipType.MemberOf).IsSuccess);
                    Assert.True(first == second || builder.AddRelationship(items[second], items[cluster], RelationshipType.MemberOf).IsSuccess);
                    members.Add(items[first]);
                }

                // Then, on the same snapshot (whose working bits a first answer must leave clear), the failure of one member of
                // every cluster, and of any one item: clusters down in the first answer are degraded or up in these.
                var snapshot = builder.Build().Value;
                var result = ImpactAnalysis.Analyse(snapshot, [items[0]]).Value;
                return result.Count >= fanOut
                    && OrderedAnswersAgree(result)
                    && OrderedAnswersAgree(ImpactAnalysis.Analyse(snapshot, [.. members.Distinct().DefaultIfEmpty(items[1])]).Value)
                    && OrderedAnswersAgree(ImpactAnalysis.Analyse(snapshot, [items[random.Next(c.count)]]).Value);
            });

    [Fact]
    public void OrderedAnswers_ManyThreadsOrderingOnOneSnapshot_EachGetsItsOwnBits()
    {
        // Eight roots, each with 150-400 dependants of random ids: every answer is one long run ordered by bits, and more
        // threads order at once than the snapshot pools bits for, so some borrow pooled bits and some get new ones.
        var random = new Random(20261207);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < 3_000)
        {
            ids.Add(new string([.. Enumerable.Range(0, random.Next(1, 20)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]));
        }

        var items = ids.Select(ConfigurationItemId.From).ToArray();
        var builder = new CmdbSnapshotBuilder(items.Length, items.Length);
        foreach (var item in items)
        {
            Assert.True(builder.AddItem(item, ConfigurationItemClass.Server, BusinessCriticality.None).IsSuccess);
        }

        for (var v = 8; v < items.Length; v++)
        {
            if (random.Next(10) < 9)
            {
                Assert.True(builder.AddRelationship(items[v], items[random.Next(8)], RelationshipType.DependsOn).IsSuccess);
            }
        }

        var snapshot = builder.Build().Value;
        var results = Enumerable.Range(0, 8).Select(root => ImpactAnalysis.Analyse(snapshot, [items[root]]).Value).ToArray();
        var expected = results.Select(r => r.OrderBy(i => i.Distance).ThenBy(i => i.Id.Value, StringComparer.Ordinal).ToArray()).ToArray();
        Assert.All(results, r => Assert.InRange(r.Count, 150, 400));

        // Four threads released together, each ordering every answer 100 times.
        var (mismatches, failures) = (0, new System.Collections.Concurrent.ConcurrentBag<Exception>());
        using var start = new Barrier(4);
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var i = 0; i < 100 * results.Length; i++)
                {
                    var k = (i + t) % results.Length;
                    if (!results[k].ByDistanceThenId().SequenceEqual(expected[k]) || !OrderedAnswersAgree(results[k]))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        })).ToArray();
        Array.ForEach(threads, thread => thread.Start());
        Array.ForEach(threads, thread => thread.Join());

        Assert.Empty(failures);
        Assert.Equal(0, mismatches);
    }

    private static bool OrderedAnswersAgree(ImpactResult result)
    {
        var expected = result.OrderBy(i => i.Distance).ThenBy(i => i.Id.Value, StringComparer.Ordinal).ToArray();
        var copied = new ImpactedConfigurationItem[result.Count];
        result.CopyByDistanceThenIdTo(copied);
        var enumerated = new List<(string Id, ImpactState State, int Distance)>();
        foreach (var item in result.EnumerateUtf8ByDistanceThenId())
        {
            enumerated.Add((Encoding.UTF8.GetString(item.Id), item.State, item.Distance));
        }

        return result.ByDistanceThenId().SequenceEqual(expected)
            && copied.SequenceEqual(expected)
            && enumerated.SequenceEqual(expected.Select(e => (e.Id.Value, e.State, e.Distance)));
    }
}
