using System.Collections.Immutable;
using System.Collections;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Tests.Common;

public class RecordTextTests
{
    [Fact]
    public void LibraryRecord_PrintsItsCollectionAsElements()
    {
        var finding = new AuditFinding(DifferenceKind.ItemAdded, [ConfigurationItemId.From("web-01"), ConfigurationItemId.From("db-01")], "web-01 added", null);

        Assert.Equal("AuditFinding { Kind = ItemAdded, Items = [web-01, db-01], Description = web-01 added, ExplainedBy = null, IsUnauthorised = True }", finding.ToString());
    }

    [Fact]
    public void Format_Dictionaries_PrintKeysAndValues()
    {
        Assert.Equal("{a: 1, b: 2}", RecordText.Format(new SortedDictionary<string, int> { ["a"] = 1, ["b"] = 2 }));
        Assert.Equal("{x: y}", RecordText.Format(ImmutableSortedDictionary<string, string>.Empty.Add("x", "y")));
    }

    [Fact]
    public void Format_DefaultImmutableArray_IsDefaultNotAnException()
    {
        Assert.Equal("default", RecordText.Format(default(ImmutableArray<int>)));
        Assert.Equal("[]", RecordText.Format(ImmutableArray<int>.Empty));
    }

    [Fact]
    public void Format_LongCollections_AreCutAndCounted()
    {
        var text = RecordText.Format(Enumerable.Range(1, RecordText.MaxElements + 5).ToList());

        Assert.StartsWith("[1, 2, 3", text, StringComparison.Ordinal);
        Assert.EndsWith($"{RecordText.MaxElements}, … +5 more]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_NestedCollectionsAndFormattables_PrintElementsAndInvariantText()
    {
        Assert.Equal("[[1.5, 2.25], []]", RecordText.Format(new List<double[]> { new[] { 1.5, 2.25 }, Array.Empty<double>() }));
        Assert.Equal("2026-03-02T10:00:00Z", RecordText.Format(Instant.FromUtc(2026, 3, 2, 10, 0)));
        Assert.Equal("{k: [1, 2]}", RecordText.Format(new Hashtable { ["k"] = new[] { 1, 2 } }));
    }

    [Fact]
    public void IncidentFacts_PrintTheirFlags()
    {
        var text = new IncidentFacts { Flags = ["vip-caller"] }.ToString();

        Assert.Contains("vip-caller", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Collections", text, StringComparison.Ordinal);
    }
}
