using Itsm.Core.Persistence.Relational.Serialization;

namespace Itsm.Core.Persistence.Tests.Serialization;

/// <summary>
/// The stored JSON form of aggregate snapshots: round trips per root (<c>.RoundTrip</c>), the fixed
/// format (<c>.Golden</c>), rejected input (<c>.Errors</c>), random incidents (<c>.Properties</c>)
/// and the contract that guards the format (<c>.Contract</c>).
/// </summary>
public partial class SnapshotJsonTests
{
    /// <summary>
    /// Serialises <paramref name="value"/>, reads it back and serialises the result again; asserts
    /// that both texts are identical and returns the value read back.
    /// </summary>
    private static T RoundTrip<T>(T value, out string json)
    {
        json = SnapshotJson.Serialize(value);
        var restored = SnapshotJson.Deserialize<T>(json);
        Assert.Equal(json, SnapshotJson.Serialize(restored));
        return restored;
    }
}
