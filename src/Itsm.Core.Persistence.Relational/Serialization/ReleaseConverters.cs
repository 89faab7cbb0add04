using System.Collections.Immutable;
using System.Text.Json;
using Itsm.Core.Releases;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>A <see cref="ReleaseVersion"/> as its text <c>"4.2.0"</c>, restored by <see cref="ReleaseVersion.Parse"/>.</summary>
internal sealed class ReleaseVersionConverter : TextValueConverter<ReleaseVersion>
{
    protected override ReleaseVersion FromText(string text)
    {
        var version = ReleaseVersion.Parse(text);
        return version.IsSuccess && version.Value.ToString() == text ? version.Value : throw new JsonException($"The stored release version '{text}' is not major.minor.patch in canonical digits.");
    }

    protected override string ToText(ReleaseVersion value) => value.ToString();
}

/// <summary>
/// A <see cref="ReleasePolicy"/> as <c>{"name": "standard", "types": [...], "expedited": [...]}</c>, stored whole with each
/// release and restored by <see cref="ReleasePolicy.Create"/>, so a later change of the tenant's policy does not rewrite it.
/// </summary>
internal sealed class ReleasePolicyConverter : DataConverter<ReleasePolicy, ReleasePolicyConverter.Data>
{
    protected override ReleasePolicy FromData(Data data)
    {
        var policy = Valid(ReleasePolicy.Create(data.Name, data.Types, data.Expedited));
        return policy.Types.SequenceEqual(data.Types) && policy.Expedited.SequenceEqual(data.Expedited)
            ? policy
            : throw new JsonException("The stored release policy lists a type twice or out of order.");
    }

    protected override Data ToData(ReleasePolicy value) => new(value.Name, value.Types, value.Expedited);

    internal sealed record Data(string Name, ImmutableArray<ReleaseType> Types, ImmutableArray<ReleaseType> Expedited);
}
