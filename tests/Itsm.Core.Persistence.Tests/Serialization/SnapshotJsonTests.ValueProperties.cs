using System.Text.Json;
using FsCheck.Xunit;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    [Property]
    public void Property_WorkingRanges_RoundTripExactly(WorkingRange range)
    {
        var restored = RoundTrip(range, out var json);
        Assert.Equal(range, restored);
        Assert.Equal(range.NominalLength, restored.NominalLength);
        Assert.Equal(range.EndsAtEndOfDay, json.EndsWith("-24:00\"", StringComparison.Ordinal));
    }

    [Property]
    public void Property_AttributeValues_RoundTripExactly(AttributeValue value)
    {
        var restored = RoundTrip(value, out _);
        Assert.Equal(value, restored);
        Assert.Equal(value.ToString(), restored.ToString());
    }

    [Property]
    public void Property_ConfigurationItems_RoundTripToEqualSnapshotsWithTheirComparer(ConfigurationItemSnapshot item)
    {
        var restored = RoundTrip(item, out _);
        Assert.Equal(item, restored);
        Assert.Equal(item.Class.Name, restored.Class.Name);
        Assert.Equal(item.Attributes.Keys, restored.Attributes.Keys);
        Assert.Same(StringComparer.Ordinal, restored.Attributes.KeyComparer);
        Assert.Equal(
            ConfigurationState.Create([item], []).Value.ContentHash,
            ConfigurationState.Create([restored], []).Value.ContentHash);
    }

    [Fact]
    public void Serialize_LoneSurrogate_ThrowsJsonException()
    {
        var item = ConfigurationItem.Register(ConfigurationItemId.From("x"), ConfigurationItemClass.Server, "x", UserId.From("tester"), Instant.FromUtc(2026, 1, 1, 0, 0), attributes: [new("bad", AttributeValue.FromText("\ud800"))]).Value;

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Serialize(item.ToSnapshot()));

        Assert.Contains("lone surrogate (U+D800", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoneSurrogateInAnIdentifierOrClass_IsRefusedWhenMade()
    {
        // Text identifiers and classes refuse a lone surrogate when they are made, so none reaches the serializer.
        Assert.Contains("lone UTF-16 surrogate", Assert.Throws<ArgumentException>(() => ConfigurationItemId.From("srv-\ud800")).Message, StringComparison.Ordinal);
        Assert.Contains("lone UTF-16 surrogate", Assert.Throws<ArgumentException>(() => ConfigurationItemClass.From("rack-\ud800")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EscapedLoneSurrogate_ThrowsJsonException()
    {
        var json = SnapshotJson.Serialize(Warehouse().ToSnapshot()).Replace("\"value\":\"\"", "\"value\":\"x\\ud800\"", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ConfigurationItemSnapshot>(json));
    }
}
