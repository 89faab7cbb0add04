using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Commands;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// <c>cmdb impact --queries</c>'s byte writer against the plain reading of its contract: for random CMDBs (cycles of
/// dependencies, clusters with redundancy rules, more than 64 items, ids and query names that need CSV quotes), every
/// query's rows are the analysis's impacted items, nearest first and then by id, written as CSV; answered on one
/// thread or, with enough queries, on several side by side, byte for byte the same.
/// </summary>
public sealed class CmdbImpactBatchTests
{
    private static readonly RelationshipType[] Types = [RelationshipType.DependsOn, RelationshipType.HostedOn, RelationshipType.MemberOf, RelationshipType.ConnectsTo, RelationshipType.RelatesTo];
    private static readonly string[] Names = ["q", "a,b", "say \"x\"", "Störung", "line\nbreak", "Störung im Rechenzentrum", "a query name longer than thirty-two bytes, quoted"];

    [Property]
    public Property Answer_WritesTheAnalysisNearestFirstThenById() =>
        Prop.ForAll(
            (from items in Gen.Frequency((3, Gen.Choose(1, 40)), (1, Gen.Choose(65, 200)))
             from seed in Gen.Choose(0, int.MaxValue)
             from queries in Gen.Frequency((2, Gen.Choose(1, 6)), (1, Gen.Choose(CmdbImpactBatch.ParallelFrom, 40)))
             select (items, seed, queries)).ToArbitrary(),
            c =>
            {
                var (snapshot, ids) = Cmdb(c.items, new Random(c.seed));
                var random = new Random(c.seed ^ 0x5bd1e995);
                var queries = Enumerable.Range(0, c.queries)
                    .Select(q => (Name: Names[random.Next(Names.Length)] + q, Failed: (IReadOnlyList<ConfigurationItemId>)[.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => ids[random.Next(ids.Length)])]))
                    .ToList();
                // The one-thread answer checks every id for CSV's special bytes; the side-by-side one is told, as the command
                // is, whether any id of the CMDB needs quoting (none does in half the cases), and copies ids unchecked when not.
                using var output = new MemoryStream();
                var timing = CmdbImpactBatch.Answer(snapshot, queries, output, threads: 1, idsNeedQuoting: true);
                using var parallel = new MemoryStream();
                var sideBySide = CmdbImpactBatch.Answer(snapshot, queries, parallel, threads: 3, idsNeedQuoting: CsvBytes.AnyNeedsQuoting(ids));

                var expected = new StringBuilder("query,id,state,depth\n");
                var rows = 0L;
                foreach (var (name, failed) in queries)
                {
                    var result = ImpactAnalysis.Analyse(snapshot, failed).Value;
                    rows += result.Count;
                    foreach (var item in result.OrderBy(i => i.Distance).ThenBy(i => i.Id))
                    {
                        expected.Append(CultureInfo.InvariantCulture, $"{Itsm.Core.Reporting.ServiceReportFormat.CsvField(name)},{Itsm.Core.Reporting.ServiceReportFormat.CsvField(item.Id.Value)},{(item.State == ImpactState.Down ? "down" : "degraded")},{item.Distance}\n");
                    }
                }

                return Encoding.UTF8.GetString(output.ToArray()) == expected.ToString() && timing.Rows == rows && timing.Threads == 1
                    && parallel.ToArray().SequenceEqual(output.ToArray()) && sideBySide.Rows == rows
                    && sideBySide.Threads == (queries.Count >= CmdbImpactBatch.ParallelFrom ? 3 : 1);
            });

    /// <summary>A random CMDB of <paramref name="count"/> items (in half of them one id in eight holds a comma): containment and membership only from later to earlier items (no cycle), dependencies anywhere (cycles), clusters with satisfiable k-of-n rules.</summary>
    private static (CmdbSnapshot Snapshot, ConfigurationItemId[] Ids) Cmdb(int count, Random random)
    {
        var commas = random.Next(2) == 0;
        var ids = Enumerable.Range(0, count).Select(i => ConfigurationItemId.From(commas && random.Next(8) == 0 ? $"ci,{i}" : $"ci-{i:D3}")).ToArray();
        var edges = new List<(int Source, int Target, RelationshipType Type)>();
        for (var e = 0; e < count * 2; e++)
        {
            var (a, b) = (random.Next(count), random.Next(count));
            var type = Types[random.Next(Types.Length)];
            if (a == b || ((type.IsContainment || type.IsMembership) && a <= b) || edges.Any(x => x.Source == a && x.Target == b))
            {
                continue;
            }

            edges.Add((a, b, type));
        }

        var members = new int[count];
        foreach (var (_, target, type) in edges.Where(x => x.Type.IsMembership))
        {
            members[target]++;
        }

        var builder = new CmdbSnapshotBuilder(count, edges.Count);
        for (var v = 0; v < count; v++)
        {
            var rule = members[v] > 0 && random.Next(2) == 0 ? RedundancyRule.AtLeast(random.Next(1, members[v] + 1)) : default;
            Assert.True(builder.AddItem(ids[v], members[v] > 0 ? ConfigurationItemClass.Cluster : ConfigurationItemClass.Server, BusinessCriticality.None, rule).IsSuccess);
        }

        foreach (var (source, target, type) in edges)
        {
            Assert.True(builder.AddRelationship(ids[source], ids[target], type).IsSuccess);
        }

        return (builder.Build().Value, ids);
    }
}
