using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotJsonTests;

namespace Itsm.Core.Persistence.Tests;

/// <summary>Values, configuration items and incident lives to round-trip through the snapshot format.</summary>
internal static partial class Arbitraries
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

    /// <summary>Text without lone surrogates (which JSON text cannot carry; see <see cref="SnapshotJsonTests.Serialize_LoneSurrogate_ThrowsJsonException"/>).</summary>
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
            UserId.From("tester"),
            Instant.FromUtc(2026, 1, 1, 0, 0),
            status,
            criticality,
            owner is null ? null : UserId.From(owner),
            minimumUp == 0 ? RedundancyRule.AllRequired : RedundancyRule.AtLeast(minimumUp),
            names.Zip(values, KeyValuePair.Create)).Value.ToSnapshot();

    private static readonly Gen<(int Op, int Minutes, int Level)> Step =
        from op in Gen.Choose(0, 13)
        from minutes in Gen.OneOf(Gen.Choose(0, 90), Gen.Choose(0, 60 * 72), Gen.Constant(0))
        from level in Gen.Choose(1, 3)
        select (op, minutes, level);

    private static readonly Gen<IncidentFacts> FactsGen =
        from vip in Gen.Elements(true, false)
        from major in Gen.Elements(false, false, true)
        from category in Gen.Elements<string?>(null, "mail", "network/wan")
        from flags in Gen.SubListOf<string>(["b", "A", "vip", "Ä", "a"])
        select new IncidentFacts { IsVipCaller = vip, IsMajorIncident = major, Category = category, Flags = [.. flags] };

    private static readonly Gen<IncidentScenario> ScenarioGen =
        from impact in Gen.Choose(1, 3)
        from urgency in Gen.Choose(1, 3)
        from facts in FactsGen
        from policy in Gen.Elements<SlaRetargetPolicy?>([null, .. SlaRetargetPolicy.All])
        from startMinutes in Gen.Choose(0, 60 * 24 * 40)
        from steps in Gen.ListOf(Step)
        from split in Gen.Choose(0, 100)
        select new IncidentScenario(impact, urgency, facts, policy, startMinutes, [.. steps], split);

    /// <summary>One step of a change life: an operation (see <c>SnapshotJsonTests.Apply(ChangeRequest, ...)</c>), minutes later, a level 1-3.</summary>
    private static readonly Gen<(int Op, int Minutes, int Level)> ChangeStep =
        from op in Gen.Frequency((3, Gen.Choose(0, 10)), (1, Gen.Choose(11, 12)))
        from minutes in Gen.OneOf(Gen.Choose(0, 90), Gen.Constant(0))
        from level in Gen.Choose(1, 3)
        select (op, minutes, level);

    /// <summary>Change lives that reach approval, implementation and closure often: the happy path first, then random steps.</summary>
    internal static readonly Gen<ChangeScenario> ChangeScenarioGen =
        from type in Gen.Elements(ChangeType.Standard, ChangeType.Normal, ChangeType.Emergency)
        from quorum in Gen.Choose(1, 3)
        from prefix in Gen.Choose(0, 8)
        from steps in Gen.ListOf(ChangeStep)
        from split in Gen.Choose(0, 100)
        select new ChangeScenario(
            type, quorum, [.. new (int, int, int)[] { (0, 5, 1), (1, 5, 1), (2, 5, 1), (2, 1, 2), (2, 1, 3), (5, 5, 1), (6, 60, 1), (7, 30, 1) }.Take(prefix), .. steps], split);

    public static Arbitrary<ChangeScenario> ChangeScenarios() => ChangeScenarioGen.ToArbitrary();

    public static Arbitrary<WorkingRange> WorkingRanges() => RangeGen.ToArbitrary();

    public static Arbitrary<AttributeValue> AttributeValues() => AttributeGen.ToArbitrary();

    public static Arbitrary<ConfigurationItemSnapshot> ConfigurationItems() => ItemGen.ToArbitrary();

    public static Arbitrary<IncidentScenario> IncidentScenarios() => ScenarioGen.ToArbitrary();

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
