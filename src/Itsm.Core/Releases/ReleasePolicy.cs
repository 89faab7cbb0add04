using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Releases;

/// <summary>What kind of release: major (new or changed capability), minor (small improvements and fixes) or emergency (an urgent fix).</summary>
/// <remarks><c>default</c> is <see cref="Major"/>.</remarks>
public enum ReleaseType
{
    /// <summary>A major release: new or substantially changed capability.</summary>
    Major = 0,

    /// <summary>A minor release: small enhancements and fixes.</summary>
    Minor = 1,

    /// <summary>An emergency release: an urgent fix, expedited as the policy allows.</summary>
    Emergency = 2,
}

/// <summary>
/// A release policy, as ISO 20000 asks for one: a named value saying which release types the provider plans and which
/// of them are expedited, that is, may be deployed to production before the release has passed staging.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equal when name, types and expedited types are equal. A release names its policy and stores
/// it whole, so a later change of the tenant's policy does not rewrite past releases. <see cref="Standard"/> plans all three
/// types and expedites emergency releases; <see cref="Strict"/> expedites nothing.
/// </remarks>
public sealed class ReleasePolicy : IEquatable<ReleasePolicy>
{
    /// <summary>Error code of a policy that has no name, no types, or expedites a type it does not plan.</summary>
    public const string PolicyCode = "release.policy";

    private ReleasePolicy(string name, ImmutableArray<ReleaseType> types, ImmutableArray<ReleaseType> expedited)
    {
        Name = name;
        Types = types;
        Expedited = expedited;
    }

    /// <summary>The standard policy: major, minor and emergency releases; emergency releases are expedited.</summary>
    public static ReleasePolicy Standard { get; } = new("standard", [ReleaseType.Major, ReleaseType.Minor, ReleaseType.Emergency], [ReleaseType.Emergency]);

    /// <summary>The strict policy: major, minor and emergency releases; nothing reaches production before staging.</summary>
    public static ReleasePolicy Strict { get; } = new("strict", [ReleaseType.Major, ReleaseType.Minor, ReleaseType.Emergency], []);

    /// <summary>The policy's name, such as <c>standard</c>.</summary>
    public string Name { get; }

    /// <summary>The release types it plans, ordered.</summary>
    public ImmutableArray<ReleaseType> Types { get; }

    /// <summary>The types that may be deployed to production before the release passed staging, ordered.</summary>
    public ImmutableArray<ReleaseType> Expedited { get; }

    /// <summary>
    /// A policy: Invalid (<see cref="PolicyCode"/>) when the name is not a valid identifier text, no type is planned, a type
    /// is undefined, or an expedited type is not planned.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="types"/> or <paramref name="expedited"/> is null.</exception>
    public static Result<ReleasePolicy> Create(string? name, IEnumerable<ReleaseType> types, IEnumerable<ReleaseType> expedited)
    {
        Preconditions.CheckNotNull(types);
        Preconditions.CheckNotNull(expedited);
        ImmutableArray<ReleaseType> planned = [.. types.Distinct().Order()];
        ImmutableArray<ReleaseType> fast = [.. expedited.Distinct().Order()];
        var problem = Identifier.CheckText(name) is { } text ? $"A release policy name {text}"
            : planned.IsEmpty ? "A release policy plans at least one release type."
            : planned.Concat(fast).Any(t => !Enum.IsDefined(t)) ? "A release policy names only defined release types."
            : fast.Any(t => !planned.Contains(t)) ? "A release policy expedites only release types it plans."
            : null;
        return problem is null ? new ReleasePolicy(name!, planned, fast) : Result<ReleasePolicy>.Invalid(Failure.Field("Policy", problem, PolicyCode));
    }

    /// <summary>True when the policy plans releases of <paramref name="type"/>.</summary>
    public bool Permits(ReleaseType type) => Types.Contains(type);

    /// <summary>True when a release of <paramref name="type"/> may reach production before it passed staging.</summary>
    public bool IsExpedited(ReleaseType type) => Expedited.Contains(type);

    /// <inheritdoc />
    public bool Equals(ReleasePolicy? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && Types.SequenceEqual(other.Types) && Expedited.SequenceEqual(other.Expedited);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ReleasePolicy);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Types.Length, Expedited.Length);

    /// <summary>Reads as <c>standard (Major, Minor, Emergency; expedited: Emergency)</c>.</summary>
    public override string ToString() => $"{Name} ({string.Join(", ", Types)}; expedited: {(Expedited.IsEmpty ? "none" : string.Join(", ", Expedited))})";
}
