using System.Text.Json;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>
/// The JSON form in which the relational adapters store aggregate snapshots
/// (<c>IncidentSnapshot</c>, <c>SlaDefinitionSnapshot</c>, <c>BusinessCalendarSnapshot</c>,
/// <c>ChangeRequestSnapshot</c>, <c>ConfigurationItemSnapshot</c>, <c>ConfigurationBaseline</c>,
/// <c>Relationship</c>). Itsm.Core knows nothing of JSON, so every converter lives here.
/// </summary>
/// <remarks>Thread-safe: the options are built once and never changed.</remarks>
internal static class SnapshotJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    /// <summary>Serialises <paramref name="value"/> to its stored JSON text.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a value back from its stored JSON text.</summary>
    /// <exception cref="JsonException">The text is not the stored form of <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The stored {typeof(T).Name} is null.");
}
