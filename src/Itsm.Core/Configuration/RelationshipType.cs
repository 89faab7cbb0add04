using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// A named kind of relationship between two configuration items, with its declared impact
/// semantics: which end depends on which (<see cref="Direction"/>), whether it is
/// containment-like (<see cref="IsContainment"/>), which must stay acyclic, and whether it is a
/// membership (<see cref="IsMembership"/>), whose providers a <see cref="RedundancyRule"/> counts.
/// </summary>
/// <remarks>
/// <para>
/// Types are compared by name, ordinally and ignoring case. The well-known types are static
/// properties; <see cref="Define"/> creates a vendor type. Names are read into types by a
/// <see cref="RelationshipTypeCatalogue"/> (<see cref="RelationshipTypeCatalogue.WellKnown"/> or a
/// vendor's extension of it), which refuses a name it does not define: a typo never becomes a
/// dependency nobody declared.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class RelationshipType : IEquatable<RelationshipType>
{
    private RelationshipType(string name, ImpactDirection direction, bool isContainment, bool isMembership = false)
    {
        Name = name;
        Direction = direction;
        IsContainment = isContainment;
        IsMembership = isMembership;
    }

    /// <summary>The type name, for example <c>depends on</c>.</summary>
    public string Name { get; }

    /// <summary>Which end is impacted when the other fails.</summary>
    public ImpactDirection Direction { get; }

    /// <summary>True for containment-like types (hosted on, member of): their edges must never form a cycle.</summary>
    public bool IsContainment { get; }

    /// <summary>
    /// True for membership types (member of): the provider is a member of the dependent group, and
    /// the group's <see cref="RedundancyRule"/> counts its members, the providers related to it through
    /// a membership type. A provider related through any other type is a hard dependency of the group.
    /// </summary>
    public bool IsMembership { get; }

    /// <summary>The source needs the target to work (<c>order-app depends on order-db</c>).</summary>
    public static RelationshipType DependsOn { get; } = new("depends on", ImpactDirection.SourceDependsOnTarget, false);

    /// <summary>Software runs on a platform (<c>order-db runs on vm-17</c>).</summary>
    public static RelationshipType RunsOn { get; } = new("runs on", ImpactDirection.SourceDependsOnTarget, false);

    /// <summary>Containment: the source is hosted inside the target (<c>vm-17 hosted on esx-03</c>); acyclic.</summary>
    public static RelationshipType HostedOn { get; } = new("hosted on", ImpactDirection.SourceDependsOnTarget, true);

    /// <summary>A network connection the source needs (<c>esx-03 connects to core-switch-1</c>).</summary>
    public static RelationshipType ConnectsTo { get; } = new("connects to", ImpactDirection.SourceDependsOnTarget, false);

    /// <summary>Membership: the source is a member of the target group (<c>esx-03 member of cluster-a</c>); the group depends on its members, and its redundancy rule counts them; acyclic.</summary>
    public static RelationshipType MemberOf { get; } = new("member of", ImpactDirection.TargetDependsOnSource, true, true);

    /// <summary>Informational: the source uses the target without depending on it for service.</summary>
    public static RelationshipType RelatesTo { get; } = new("relates to", ImpactDirection.None, false);

    /// <summary>The well-known types, in a stable order.</summary>
    public static IReadOnlyList<RelationshipType> WellKnown { get; } = [DependsOn, RunsOn, HostedOn, ConnectsTo, MemberOf, RelatesTo];

    /// <summary>Defines a vendor relationship type; add it to a <see cref="RelationshipTypeCatalogue"/> so that its name is read.</summary>
    /// <param name="name">The type name, for example <c>replicates to</c>.</param>
    /// <param name="direction">Which end is impacted when the other fails.</param>
    /// <param name="isContainment">True when its relationships must never form a cycle.</param>
    /// <param name="isMembership">True when the provider is a member that the dependent's redundancy rule counts (see <see cref="RedundancyRule"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is not a valid identifier text, or names a well-known type with other
    /// semantics; or <paramref name="isMembership"/> is true for a type without impact (<see cref="ImpactDirection.None"/>).
    /// </exception>
    public static RelationshipType Define(string name, ImpactDirection direction, bool isContainment, bool isMembership = false)
    {
        Preconditions.CheckNotNull(name);
        var problem = Identifier.CheckText(name);
        Preconditions.CheckArgument(problem is null, nameof(name), $"A relationship type name {problem}");
        Preconditions.CheckArgument(
            !isMembership || direction != ImpactDirection.None,
            nameof(isMembership),
            $"The membership type '{name}' needs an impact direction: a group depends on its members.");
        var type = new RelationshipType(name, direction, isContainment, isMembership);
        var known = WellKnown.FirstOrDefault(k => k.Equals(type));
        Preconditions.CheckArgument(
            known is null || known.HasSameSemantics(type),
            nameof(name),
            $"'{name}' is a well-known relationship type with other semantics.");
        return known ?? type;
    }

    /// <summary>True when <paramref name="other"/> has the same direction, containment and membership.</summary>
    internal bool HasSameSemantics(RelationshipType other) =>
        Direction == other.Direction && IsContainment == other.IsContainment && IsMembership == other.IsMembership;

    /// <summary>Types are equal when their names are equal, ignoring case.</summary>
    public bool Equals(RelationshipType? other) => other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RelationshipType);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>Returns the type name.</summary>
    public override string ToString() => Name;
}
