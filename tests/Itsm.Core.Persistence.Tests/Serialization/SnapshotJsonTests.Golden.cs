using System.Text.Encodings.Web;
using System.Text.Json;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    /// <summary>The fixed snapshots whose stored text is kept in <c>Serialization/Golden</c>.</summary>
    public static TheoryData<string> GoldenNames { get; } = ["incident", "sla-definition", "calendar", "change", "configuration-item", "baseline"];

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
            "sla-definition" => SnapshotJson.Serialize(SnapshotJson.Deserialize<SlaDefinitionSnapshot>(text)),
            "calendar" => SnapshotJson.Serialize(SnapshotJson.Deserialize<BusinessCalendarSnapshot>(text)),
            "change" => SnapshotJson.Serialize(SnapshotJson.Deserialize<ChangeRequestSnapshot>(text)),
            "configuration-item" => SnapshotJson.Serialize(SnapshotJson.Deserialize<ConfigurationItemSnapshot>(text)),
            _ => SnapshotJson.Serialize(SnapshotJson.Deserialize<ConfigurationBaseline>(text)),
        };

        Assert.Equal(Serialize(name), again);
    }

    private static string Serialize(string name) => name switch
    {
        "incident" => SnapshotJson.Serialize(IncidentThroughLifecycle().ToSnapshot()),
        "sla-definition" => SnapshotJson.Serialize(Sla().ToSnapshot()),
        "calendar" => SnapshotJson.Serialize(CalendarDefinition().ToSnapshot()),
        "change" => SnapshotJson.Serialize(FailedChangeThroughLifecycle().ToSnapshot()),
        "configuration-item" => SnapshotJson.Serialize(Warehouse().ToSnapshot()),
        "baseline" => SnapshotJson.Serialize(Baseline()),
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
