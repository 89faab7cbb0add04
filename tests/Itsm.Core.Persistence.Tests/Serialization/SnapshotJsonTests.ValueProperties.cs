using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    private const long TicksPerDay = NodaConstants.TicksPerDay;

    /// <summary>Times of day at whole minutes, seconds, milliseconds or ticks: the text form changes with each.</summary>
    private static readonly Gen<long> TickOfDayGen =
        from unit in Gen.Elements(NodaConstants.TicksPerMinute, NodaConstants.TicksPerSecond, NodaConstants.TicksPerMillisecond, 1L)
        from n in Gen.Choose(0, int.MaxValue)
        select n % (TicksPerDay / unit) * unit;

    private static readonly Gen<WorkingRange> RangeGen =
        from a in TickOfDayGen
        from b in TickOfDayGen
        from toEndOfDay in Gen.Elements(false, false, true)
        where toEndOfDay || a != b
        select toEndOfDay
            ? WorkingRange.ToEndOfDay(LocalTime.FromTicksSinceMidnight(Math.Min(a, b)))
            : WorkingRange.Between(LocalTime.FromTicksSinceMidnight(Math.Min(a, b)), LocalTime.FromTicksSinceMidnight(Math.Max(a, b)));

    /// <summary>Text without lone surrogates (which JSON text cannot carry; see <see cref="Serialize_LoneSurrogate_ThrowsJsonException"/>).</summary>
    private static readonly Gen<string> TextGen = ArbMap.Default.GeneratorFor<string>()
        .Where(t => t is not null && !HasLoneSurrogate(t));

    private static readonly Gen<AttributeValue> AttributeGen = Gen.OneOf(
        TextGen.Select(AttributeValue.FromText),
        ArbMap.Default.GeneratorFor<decimal>().Select(AttributeValue.FromNumber),
        Gen.Elements(true, false).Select(AttributeValue.FromFlag),
        from seconds in Gen.Choose(-2_000_000_000, 2_000_000_000)
        from days in Gen.Choose(-600_000, 2_900_000)
        from nanos in Gen.Choose(0, 999_999_999)
        select AttributeValue.FromInstant(Instant.FromUnixTimeSeconds(seconds) + Duration.FromDays(days) + Duration.FromNanoseconds(nanos)));

    private static readonly Gen<ConfigurationItemSnapshot> ItemGen =
        from id in Gen.Elements("a", "B", "cmdb-1", "ü-node", "x y")
        from vendorClass in Gen.Elements(true, false)
        from className in Gen.Elements("Server", "virtual machine", "data_warehouse", "Robot-Arm")
        from status in Gen.Elements(ConfigurationItemStatus.Planned, ConfigurationItemStatus.Operational)
        from criticality in Gen.Elements(Enum.GetValues<BusinessCriticality>())
        from minimumUp in Gen.Choose(0, 5)
        from owner in Gen.Elements<string?>(null, "owner", "team a")
        from names in Gen.SubListOf<string>(["b", "A", "a", "Ä", "z-1", "10", "9"])
        from values in Gen.ListOf(AttributeGen, names.Count)
        select ConfigurationItem.Register(
            ConfigurationItemId.From(id),
            ConfigurationItemClass.From(vendorClass ? className : "cluster"),
            $"item {id}",
            status,
            criticality,
            owner is null ? null : UserId.From(owner),
            minimumUp == 0 ? RedundancyRule.AllRequired : RedundancyRule.AtLeast(minimumUp),
            names.Zip(values, KeyValuePair.Create)).Value.ToSnapshot();

    [Fact]
    public void Property_WorkingRanges_RoundTripExactly()
    {
        PropertyTesting.Check(Prop.ForAll(RangeGen.ToArbitrary(), range =>
        {
            var restored = RoundTrip(range, out var json);
            Assert.Equal(range, restored);
            Assert.Equal(range.NominalLength, restored.NominalLength);
            Assert.Equal(range.EndsAtEndOfDay, json.EndsWith("-24:00\"", StringComparison.Ordinal));
            return true;
        }));
    }

    [Fact]
    public void Property_AttributeValues_RoundTripExactly()
    {
        PropertyTesting.Check(Prop.ForAll(AttributeGen.ToArbitrary(), value =>
        {
            var restored = RoundTrip(value, out _);
            Assert.Equal(value, restored);
            Assert.Equal(value.ToString(), restored.ToString());
            return true;
        }));
    }

    [Fact]
    public void Property_ConfigurationItems_RoundTripToEqualSnapshotsWithTheirComparer()
    {
        PropertyTesting.Check(Prop.ForAll(ItemGen.ToArbitrary(), item =>
        {
            var restored = RoundTrip(item, out _);
            Assert.Equal(item, restored);
            Assert.Equal(item.Class.Name, restored.Class.Name);
            Assert.Equal(item.Attributes.Keys, restored.Attributes.Keys);
            Assert.Same(StringComparer.Ordinal, restored.Attributes.KeyComparer);
            Assert.Equal(
                ConfigurationState.Create([item], []).Value.ContentHash,
                ConfigurationState.Create([restored], []).Value.ContentHash);
            return true;
        }));
    }

    [Fact]
    public void Serialize_LoneSurrogate_ThrowsJsonException()
    {
        var item = ConfigurationItem.Register(ConfigurationItemId.From("x"), ConfigurationItemClass.Server, "x", attributes: [new("bad", AttributeValue.FromText("\ud800"))]).Value;

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Serialize(item.ToSnapshot()));

        Assert.Contains("lone surrogate (U+D800", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_LoneSurrogateInAnIdentifierOrClass_ThrowsJsonException()
    {
        var byId = ConfigurationItem.Register(ConfigurationItemId.From("srv-\ud800"), ConfigurationItemClass.Server, "x").Value;
        var byClass = ConfigurationItem.Register(ConfigurationItemId.From("x"), ConfigurationItemClass.From("rack-\ud800"), "x").Value;

        Assert.Contains("lone surrogate (U+D800", Assert.Throws<JsonException>(() => SnapshotJson.Serialize(byId.ToSnapshot())).Message, StringComparison.Ordinal);
        Assert.Contains("lone surrogate (U+D800", Assert.Throws<JsonException>(() => SnapshotJson.Serialize(byClass.ToSnapshot())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EscapedLoneSurrogate_ThrowsJsonException()
    {
        var json = SnapshotJson.Serialize(Warehouse().ToSnapshot()).Replace("\"value\":\"\"", "\"value\":\"x\\ud800\"", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ConfigurationItemSnapshot>(json));
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
