using Itsm.Core.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    /// <summary>The fixed snapshots whose stored text is kept in <c>Serialization/Golden</c>.</summary>
    public static TheoryData<string> GoldenNames { get; } = ["incident", "sla-definition", "calendar", "change", "configuration-item", "baseline", "sla-definition-revised", "calendar-redefined", "supplier", "contract", "contract-terminated"];

    /// <summary>
    /// The stored format is fixed: each fixed snapshot serialises to exactly the text in its golden
    /// file (kept indented for review; compared compact). A failure means the stored format changed,
    /// which breaks stored data: revert it, or migrate the data and update the file on purpose.
    /// </summary>
    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Serialize_FixedSnapshot_GivesTheGoldenText(string name)
    {
        var expected = Compact(File.ReadAllText(GoldenPath(name)));

        var actual = Serialize(name);

        if (actual != expected)
        {
            var path = Path.Combine(Path.GetTempPath(), $"itsm-golden-{name}.json");
            File.WriteAllText(path, Indented(actual) + "\n");
            Assert.Fail($"The stored form of '{name}' changed; the new text is in {path}.\nExpected: {expected}\nActual:   {actual}");
        }
    }

    /// <summary>Documents stored in the golden format still read, and read to the fixed snapshot.</summary>
    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Deserialize_GoldenText_ReadsTheFixedSnapshot(string name)
    {
        var text = File.ReadAllText(GoldenPath(name));

        var again = name switch
        {
            "incident" => SnapshotJson.Serialize(SnapshotJson.Deserialize<IncidentSnapshot>(text)),
            "sla-definition" or "sla-definition-revised" => SnapshotJson.Serialize(SnapshotJson.Deserialize<SlaDefinitionSnapshot>(text)),
            "calendar" or "calendar-redefined" => SnapshotJson.Serialize(SnapshotJson.Deserialize<BusinessCalendarSnapshot>(text)),
            "change" => SnapshotJson.Serialize(SnapshotJson.Deserialize<ChangeRequestSnapshot>(text)),
            "configuration-item" => SnapshotJson.Serialize(SnapshotJson.Deserialize<ConfigurationItemSnapshot>(text)),
            "supplier" => SnapshotJson.Serialize(SnapshotJson.Deserialize<SupplierSnapshot>(text)),
            "contract" or "contract-terminated" => SnapshotJson.Serialize(SnapshotJson.Deserialize<ContractSnapshot>(text)),
            _ => SnapshotJson.Serialize(SnapshotJson.Deserialize<ConfigurationBaseline>(text)),
        };

        Assert.Equal(Serialize(name), again);
    }

    /// <summary>
    /// Documents stored before configuration items, SLA definitions and calendars kept history (the first golden
    /// texts, without <c>history</c>) still read, and restore with one synthesized creation event holding the state found.
    /// </summary>
    [Fact]
    public void Restore_DocumentsStoredWithoutHistory_GetOneSynthesizedCreationEvent()
    {
        var item = ConfigurationItem.Restore(SnapshotJson.Deserialize<ConfigurationItemSnapshot>(File.ReadAllText(GoldenPath("configuration-item-without-history"))));
        var sla = SlaDefinition.Restore(SnapshotJson.Deserialize<SlaDefinitionSnapshot>(File.ReadAllText(GoldenPath("sla-definition"))));
        var calendar = BusinessCalendarDefinition.Restore(SnapshotJson.Deserialize<BusinessCalendarSnapshot>(File.ReadAllText(GoldenPath("calendar"))));

        Assert.True(item.IsSuccess && sla.IsSuccess && calendar.IsSuccess, $"{item.Message} / {sla.Message} / {calendar.Message}");
        var registered = Assert.IsType<ConfigurationItemRegistered>(Assert.Single(item.Value.History));
        Assert.Equal((ConfigurationItemStatus.InMaintenance, Warehouse().ToSnapshot()), (registered.Status, item.Value.ToSnapshot()));
        var defined = Assert.IsType<SlaDefined>(Assert.Single(sla.Value.History));
        var calendarDefined = Assert.IsType<CalendarDefined>(Assert.Single(calendar.Value.History));
        Assert.All(
            new (UserId By, NodaTime.Instant At)[] { (registered.By, registered.At), (defined.By, defined.At), (calendarDefined.By, calendarDefined.At) },
            e => Assert.True(UnrecordedHistory.IsSynthesized(e.By, e.At)));

        // Once restored, the synthesized event is stored like any other and reads back unchanged.
        var again = SlaDefinition.Restore(SnapshotJson.Deserialize<SlaDefinitionSnapshot>(SnapshotJson.Serialize(sla.Value.ToSnapshot())));
        Assert.Equal(SnapshotJson.Serialize(sla.Value.ToSnapshot()), SnapshotJson.Serialize(again.Value.ToSnapshot()));
    }

    private static string Serialize(string name) => name switch
    {
        "incident" => SnapshotJson.Serialize(IncidentThroughLifecycle().ToSnapshot()),
        "sla-definition" => SnapshotJson.Serialize(Sla().ToSnapshot()),
        "calendar" => SnapshotJson.Serialize(CalendarDefinition().ToSnapshot()),
        "change" => SnapshotJson.Serialize(FailedChangeThroughLifecycle().ToSnapshot()),
        "configuration-item" => SnapshotJson.Serialize(Warehouse().ToSnapshot()),
        "baseline" => SnapshotJson.Serialize(Baseline()),
        "sla-definition-revised" => SnapshotJson.Serialize(RevisedSla().ToSnapshot()),
        "calendar-redefined" => SnapshotJson.Serialize(RedefinedCalendar().ToSnapshot()),
        "supplier" => SnapshotJson.Serialize(SupplierSnapshotFixtures.RevisedSupplier().ToSnapshot()),
        "contract" => SnapshotJson.Serialize(SupplierSnapshotFixtures.ContractThroughLifecycle().ToSnapshot()),
        "contract-terminated" => SnapshotJson.Serialize(SupplierSnapshotFixtures.WithdrawnOla().ToSnapshot()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such golden snapshot."),
    };

    private static string GoldenPath(string name) => Path.Combine(AppContext.BaseDirectory, "Serialization", "Golden", $"{name}.json");

    private static string Compact(string json) => Rewrite(json, indented: false);

    private static string Indented(string json) => Rewrite(json, indented: true);

    private static string Rewrite(string json, bool indented)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
