using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>
/// A converter for a domain type without a public constructor: it is stored as a plain data
/// record (<typeparamref name="TData"/>, serialised with the same options) and restored through the
/// type's own validating factory, so stored data passes the checks any other input passes.
/// </summary>
/// <typeparam name="TValue">The domain type.</typeparam>
/// <typeparam name="TData">Its stored shape.</typeparam>
internal abstract class DataConverter<TValue, TData> : JsonConverter<TValue>
    where TData : class
{
    public override TValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        TData data;
        try
        {
            data = JsonSerializer.Deserialize<TData>(ref reader, options)
                ?? throw new JsonException($"A stored {typeof(TValue).Name} must not be null.");
        }
        catch (JsonException e) when (e.Path is { } inner)
        {
            // The nested read only knows the path inside this value; rethrown without a path, the
            // serializer adds the path of the value in the whole document.
            throw new JsonException(e.Message.Contains(" Path: ", StringComparison.Ordinal) ? e.Message : $"{e.Message} Path within the {typeof(TValue).Name}: {inner}.", e);
        }

        try
        {
            return FromData(data);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"The stored {typeof(TValue).Name} is not valid: {e.Message}", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, TValue value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, ToData(value), options);

    protected abstract TValue FromData(TData data);

    protected abstract TData ToData(TValue value);

    /// <summary>The value of a successful result, or a <see cref="JsonException"/> with the result's message.</summary>
    protected static T Valid<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new JsonException($"The stored {typeof(TValue).Name} is not valid: {result.Message}");
}

/// <summary>A <see cref="PriorityDecision"/> with everything that explains it, restored by <see cref="PriorityDecision.Restore"/> without re-running a policy.</summary>
internal sealed class PriorityDecisionConverter : DataConverter<PriorityDecision, PriorityDecisionConverter.Data>
{
    protected override PriorityDecision FromData(Data data) => PriorityDecision.Restore(
        data.Matrix, data.Impact, data.Urgency, data.EffectiveUrgency, data.MatrixPriority, data.Rules.IsDefault ? [] : data.Rules, data.Computed, data.Override);

    protected override Data ToData(PriorityDecision value) => new(
        value.Matrix, value.Impact, value.Urgency, value.EffectiveUrgency, value.MatrixPriority, value.Rules, value.Computed, value.Override);

    internal sealed record Data(
        string Matrix,
        Impact Impact,
        Urgency Urgency,
        Urgency EffectiveUrgency,
        Priority MatrixPriority,
        ImmutableArray<RuleApplication> Rules,
        Priority Computed,
        PriorityOverride? Override);
}

/// <summary>An <see cref="SlaClock"/> as its <see cref="SlaClockSnapshot"/> (metric, thresholds, events), restored by replaying the events.</summary>
internal sealed class SlaClockConverter : DataConverter<SlaClock, SlaClockSnapshot>
{
    protected override SlaClock FromData(SlaClockSnapshot data) =>
        SlaClock.FromSnapshot(data.Events.IsDefault ? data with { Events = [] } : data);

    protected override SlaClockSnapshot ToData(SlaClock value) => value.ToSnapshot();
}

/// <summary>An <see cref="AttributeValue"/> as its kind and its invariant text form (<c>{"kind":"Number","value":"12.5"}</c>), restored by <see cref="AttributeValue.Parse"/>.</summary>
internal sealed class AttributeValueConverter : DataConverter<AttributeValue, AttributeValueConverter.Data>
{
    protected override AttributeValue FromData(Data data) =>
        Enum.IsDefined(data.Kind) ? Valid(AttributeValue.Parse(data.Kind, data.Value)) : throw new JsonException($"Unknown attribute kind {data.Kind}.");

    protected override Data ToData(AttributeValue value) => new(value.Kind, value.ToString());

    internal sealed record Data(AttributeKind Kind, string Value);
}

/// <summary>
/// A <see cref="RelationshipType"/> as its defining data (name, direction, containment, and
/// <c>isMembership</c> only for a vendor membership type), restored by <see cref="RelationshipType.Define"/>,
/// which returns the well-known type itself for a well-known name. A document without
/// <c>isMembership</c> (every document written before it existed) means a well-known type's own
/// membership, and no membership for a vendor type.
/// </summary>
internal sealed class RelationshipTypeConverter : DataConverter<RelationshipType, RelationshipTypeConverter.Data>
{
    protected override RelationshipType FromData(Data data) =>
        Enum.IsDefined(data.Direction)
            ? RelationshipType.Define(data.Name, data.Direction, data.IsContainment, data.IsMembership ?? IsWellKnownMembership(data.Name))
            : throw new JsonException($"Unknown impact direction {data.Direction}.");

    protected override Data ToData(RelationshipType value) =>
        new(value.Name, value.Direction, value.IsContainment, value.IsMembership && !IsWellKnownMembership(value.Name) ? true : null);

    private static bool IsWellKnownMembership(string name) =>
        RelationshipType.WellKnown.Any(t => t.IsMembership && string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    internal sealed record Data(string Name, ImpactDirection Direction, bool IsContainment, bool? IsMembership = null);
}

/// <summary>A <see cref="Relationship"/> as source, target and type, restored by <see cref="Relationship.Create"/>.</summary>
internal sealed class RelationshipConverter : DataConverter<Relationship, RelationshipConverter.Data>
{
    protected override Relationship FromData(Data data) => Valid(Relationship.Create(data.Source, data.Target, data.Type));

    protected override Data ToData(Relationship value) =>
        value.Type is null ? throw new JsonException("A default Relationship cannot be stored.") : new(value.Source, value.Target, value.Type);

    internal sealed record Data(ConfigurationItemId Source, ConfigurationItemId Target, RelationshipType Type);
}

/// <summary>
/// A <see cref="ConfigurationState"/> as its items (by id), its relationships (in canonical order)
/// and its content hash. Restored by <see cref="ConfigurationState.Create"/>, which recomputes the
/// hash; a stored hash that differs from the recomputed one is refused, so a document edited by hand
/// or a change to the hash's encoding cannot pass unnoticed.
/// </summary>
internal sealed class ConfigurationStateConverter : DataConverter<ConfigurationState, ConfigurationStateConverter.Data>
{
    protected override ConfigurationState FromData(Data data)
    {
        var state = Valid(ConfigurationState.Create(
            data.Items.IsDefault ? [] : data.Items,
            data.Relationships.IsDefault ? [] : data.Relationships));
        return state.ContentHash == data.ContentHash
            ? state
            : throw new JsonException($"The stored configuration state has content hash '{data.ContentHash}', but its content hashes to '{state.ContentHash}'.");
    }

    protected override Data ToData(ConfigurationState value) => new([.. value.Items.Values], [.. value.Relationships], value.ContentHash);

    internal sealed record Data(ImmutableArray<ConfigurationItemSnapshot> Items, ImmutableArray<Relationship> Relationships, string ContentHash);
}

/// <summary>A <see cref="ConfigurationBaseline"/> as id, name, capture instant and user, and its state, restored by <see cref="ConfigurationBaseline.Capture"/>.</summary>
internal sealed class ConfigurationBaselineConverter : DataConverter<ConfigurationBaseline, ConfigurationBaselineConverter.Data>
{
    protected override ConfigurationBaseline FromData(Data data) =>
        Valid(ConfigurationBaseline.Capture(data.Id, data.Name, data.CapturedAt, data.CapturedBy, data.State));

    protected override Data ToData(ConfigurationBaseline value) => new(value.Id, value.Name, value.CapturedAt, value.CapturedBy, value.State);

    internal sealed record Data(BaselineId Id, string Name, Instant CapturedAt, UserId CapturedBy, ConfigurationState State);
}
