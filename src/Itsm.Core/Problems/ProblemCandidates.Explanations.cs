using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Problems;

public static partial class ProblemCandidates
{
    /// <summary>
    /// The candidate of <paramref name="members"/> (positions in <paramref name="placed"/>, ascending) with
    /// <paramref name="shared"/> as its cause. The incidents at once; the explanation on first read: one impact walk from
    /// the shared item (the whole-CMDB <see cref="ImpactAnalysis"/>, so each path is the one impact analysis explains),
    /// each distinct item's path and its text once, shared by every member on that item.
    /// </summary>
    private static ProblemCandidate Describe(CmdbSnapshot snapshot, IncidentOccurrence[] placed, int[] items, Duration window, int shared, int[] members)
    {
        var sharedId = snapshot.Ids[shared];
        var incidents = new IncidentId[members.Length];
        for (var k = 0; k < members.Length; k++)
        {
            incidents[k] = placed[members[k]].Incident;
        }

        var first = placed[members[0]].OpenedAt;
        var last = placed[members[^1]].OpenedAt;
        var explanation = new Explanation<CandidateMember>(Factors, Lines);
        return new ProblemCandidate(sharedId, ImmutableArray.Create(incidents), first, last, explanation);

        ImmutableArray<CandidateMember> Factors()
        {
            var walk = ImpactAnalysis.Analyse(snapshot, sharedId).Value;
            var paths = new Dictionary<int, Explanation<ImpactStep>>();
            var factors = ImmutableArray.CreateBuilder<CandidateMember>(members.Length);
            foreach (var m in members)
            {
                var item = items[m];
                if (!paths.TryGetValue(item, out var path))
                {
                    paths[item] = path = walk.ExplainItem(item) ?? throw new InvalidOperationException("A member of a problem candidate does not depend on its shared item.");
                }

                factors.Add(new CandidateMember(placed[m].Incident, placed[m].OpenedAt, placed[m].Item, path));
            }

            return factors.MoveToImmutable();
        }

        ImmutableArray<string> Lines(ImmutableArray<CandidateMember> factors)
        {
            var texts = new Dictionary<ConfigurationItemId, string>();
            var lines = ImmutableArray.CreateBuilder<string>(factors.Length + 1);
            lines.Add($"{members.Length.ToString(CultureInfo.InvariantCulture)} incidents opened from {first} to {last}, each within {window} of the one before, all depend on {sharedId}");
            foreach (var f in factors)
            {
                if (f.Item == sharedId)
                {
                    lines.Add($"incident {f.Incident} ({f.OpenedAt}) hit {sharedId} itself");
                    continue;
                }

                if (!texts.TryGetValue(f.Item, out var text))
                {
                    texts[f.Item] = text = string.Join(" -> ", f.Path.Factors.Select(s => s.Id.Value));
                }

                lines.Add($"incident {f.Incident} ({f.OpenedAt}) on {f.Item}: {text}");
            }

            return lines.MoveToImmutable();
        }
    }
}
