using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// A named kind of relationship between two configuration items, with its declared impact
/// semantics: which end depends on which (<see cref="Direction"/>) and whether it is
/// containment-like (<see cref="IsContainment"/>), which must stay acyclic.
/// </summary>
/// <remarks>
/// <para>
/// Types are compared by name, ordinally and ignoring case. The well-known types are static
/// properties; <see cref="Define"/> creates a vendor type, and <see cref="FromName"/> maps a name to
/// a well-known type or, for an unknown name, to a plain dependency type of that name (source
/// depends on target, not containment).
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class RelationshipType : IEquatable<RelationshipType>
{
    private RelationshipType(string name, ImpactDirection direction, bool isContainment)
    {
        Name = name;
        Direction = direction;
        IsContainment = isContainment;
    }

    /// <summary>The type name, for example <c>depends on</c>.</summary>
    public string Name { get; }

    /// <summary>Which end is impacted when the other fails.</summary>
    public ImpactDirection Direction { get; }

    /// <summary>True for containment-like types (hosted on, member of): their edges must never form a cycle.</summary>
    public bool IsContainment { get; }

    /// <summary>The source needs the target to work (<c>order-app depends on order-db</c>).</summary>
    public static RelationshipType DependsOn { get; } = new("depends on", ImpactDirection.SourceDependsOnTarget, false);

    /// <summary>Software runs on a platform (<c>order-db runs on vm-17</c>).</summary>
    public static RelationshipType RunsOn { get; } = new("runs on", ImpactDirection.SourceDependsOnTarget, false);

    /// <summary>Containment: the source is hosted inside the target (<c>vm-17 hosted on esx-03</c>); acyclic.</summary>
    public static RelationshipType HostedOn { get; } = new("hosted on", ImpactDirection.SourceDependsOnTarget, true);

    /// <summary>A network connection the source needs (<c>esx-03 connects to core-switch-1</c>).</summary>
    public static RelationshipType ConnectsTo { get; } = new("connects to", ImpactDirection.SourceDependsOnTarget, false);

    /// <summary>Membership: the source is a member of the target group (<c>esx-03 member of cluster-a</c>); the group depends on its members; acyclic.</summary>
    public static RelationshipType MemberOf { get; } = new("member of", ImpactDirection.TargetDependsOnSource, true);

    /// <summary>Informational: the source uses the target without depending on it for service.</summary>
    public static RelationshipType RelatesTo { get; } = new("relates to", ImpactDirection.None, false);

    /// <summary>The well-known types, in a stable order.</summary>
    public static IReadOnlyList<RelationshipType> WellKnown { get; } = [DependsOn, RunsOn, HostedOn, ConnectsTo, MemberOf, RelatesTo];

    /// <summary>Defines a vendor relationship type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid identifier text, or names a well-known type with other semantics.</exception>
    public static RelationshipType Define(string name, ImpactDirection direction, bool isContainment)
    {
        Preconditions.CheckNotNull(name);
        var problem = Identifier.CheckText(name);
        Preconditions.CheckArgument(problem is null, nameof(name), $"A relationship type name {problem}");
        var type = new RelationshipType(name, direction, isContainment);
        var known = WellKnown.FirstOrDefault(k => k.Equals(type));
        Preconditions.CheckArgument(
            known is null || (known.Direction == direction && known.IsContainment == isContainment),
            nameof(name),
            $"'{name}' is a well-known relationship type with other semantics.");
        return known ?? type;
    }

    /// <summary>
    /// The well-known type named <paramref name="name"/> (ignoring case; <c>_</c> and <c>-</c> read as
    /// spaces), or a plain dependency type of that name; invalid text gives <see cref="ResultStatus.Invalid"/>.
    /// </summary>
    public static Result<RelationshipType> FromName(string? name, string field = "type")
    {
        var problem = Identifier.CheckText(name);
        if (problem is not null)
        {
            return Result<RelationshipType>.Invalid(Failure.Field(field, $"A relationship type {problem}", "cmdb.relationship-type.invalid"));
        }

        var normalised = name!.Replace('_', ' ').Replace('-', ' ');
        foreach (var known in WellKnown)
        {
            if (string.Equals(known.Name, normalised, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return new RelationshipType(name, ImpactDirection.SourceDependsOnTarget, false);
    }

    /// <summary>Types are equal when their names are equal, ignoring case.</summary>
    public bool Equals(RelationshipType? other) => other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RelationshipType);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>Returns the type name.</summary>
    public override string ToString() => Name;
}
