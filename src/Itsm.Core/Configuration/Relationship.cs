using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>A typed, directed relationship between two distinct configuration items: <c>source type target</c>.</summary>
/// <remarks>
/// Immutable and thread-safe; equal when source, target and type are equal. There are no
/// self-loops: <see cref="Create"/> rejects them. <c>default</c> is not a valid relationship.
/// </remarks>
public readonly record struct Relationship
{
    private Relationship(ConfigurationItemId source, ConfigurationItemId target, RelationshipType type)
    {
        Source = source;
        Target = target;
        Type = type;
    }

    /// <summary>The CI the relationship starts from.</summary>
    public ConfigurationItemId Source { get; }

    /// <summary>The CI the relationship points to.</summary>
    public ConfigurationItemId Target { get; }

    /// <summary>The relationship type, which decides the impact semantics.</summary>
    public RelationshipType Type { get; }

    /// <summary>The CI impacted when <see cref="Provider"/> fails, or null for informational types.</summary>
    public ConfigurationItemId? Dependent => Type.Direction switch
    {
        ImpactDirection.SourceDependsOnTarget => Source,
        ImpactDirection.TargetDependsOnSource => Target,
        _ => null,
    };

    /// <summary>The CI whose failure impacts <see cref="Dependent"/>, or null for informational types.</summary>
    public ConfigurationItemId? Provider => Type.Direction switch
    {
        ImpactDirection.SourceDependsOnTarget => Target,
        ImpactDirection.TargetDependsOnSource => Source,
        _ => null,
    };

    /// <summary>Creates a relationship; a self-loop gives <see cref="ResultStatus.Invalid"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    /// <exception cref="ArgumentException">An identifier is <c>default</c>.</exception>
    public static Result<Relationship> Create(ConfigurationItemId source, ConfigurationItemId target, RelationshipType type)
    {
        Preconditions.CheckNotNull(type);
        Preconditions.CheckArgument(source.Value is not null, nameof(source), "The source must be an assigned identifier.");
        Preconditions.CheckArgument(target.Value is not null, nameof(target), "The target must be an assigned identifier.");
        if (source == target)
        {
            return Result<Relationship>.Invalid(Failure.Field(
                "target", $"A configuration item cannot be related to itself: '{source}' {type} '{target}'.", "cmdb.relationship.self-loop"));
        }

        return new Relationship(source, target, type);
    }

    /// <summary>Returns <c>source -[type]-> target</c>.</summary>
    public override string ToString() => $"{Source} -[{Type}]-> {Target}";
}
