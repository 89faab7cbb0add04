using System.Collections.Frozen;
using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// The relationship types a CMDB knows, by name: the policy that reads a relationship type name
/// (from a CSV file, a request, a form) into a <see cref="RelationshipType"/>. An unknown name is
/// refused, never guessed.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="WellKnown"/> holds the well-known types (<see cref="RelationshipType.WellKnown"/>) and is
/// the default everywhere. A vendor with its own types defines each one explicitly, with its impact
/// direction, containment and membership, and extends the default:
/// <c>RelationshipTypeCatalogue.WellKnown.With(RelationshipType.Define("replicates to", ImpactDirection.SourceDependsOnTarget, isContainment: false))</c>.
/// The same value is used by a vendor calling the domain directly, by the application layer (register
/// it in the service collection before <c>AddItsmCore</c>, which otherwise registers <see cref="WellKnown"/>)
/// and by the sample host.
/// </para>
/// <para>
/// <see cref="FromName"/> compares names ignoring case, and reads <c>_</c> and <c>-</c> as spaces
/// (<c>MEMBER_OF</c> is <c>member of</c>). An unknown name gives <see cref="ResultStatus.Invalid"/>
/// with the code <c>cmdb.relationship-type.unknown</c>, the nearest known name when one is close, and
/// every known name.
/// </para>
/// <para>Immutable and thread-safe; <see cref="With"/> returns a new catalogue.</para>
/// </remarks>
public sealed class RelationshipTypeCatalogue
{
    private readonly FrozenDictionary<string, RelationshipType> byKey;

    private RelationshipTypeCatalogue(RelationshipType[] types)
    {
        Types = types;
        byKey = types.ToFrozenDictionary(t => Key(t.Name), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The well-known types only: depends on, runs on, hosted on, connects to, member of, relates to.</summary>
    public static RelationshipTypeCatalogue WellKnown { get; } = new([.. RelationshipType.WellKnown]);

    /// <summary>The types this catalogue knows, the well-known ones first, then the vendor's in the order added.</summary>
    public IReadOnlyList<RelationshipType> Types { get; }

    /// <summary>
    /// This catalogue with the vendor types <paramref name="types"/> added. A type already in the
    /// catalogue with the same semantics is kept once.
    /// </summary>
    /// <param name="types">Types made with <see cref="RelationshipType.Define"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="types"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">
    /// A type has the name of a known type (ignoring case, <c>_</c> and <c>-</c> read as spaces) but other semantics or another spelling.
    /// </exception>
    public RelationshipTypeCatalogue With(params RelationshipType[] types)
    {
        Preconditions.CheckNotNull(types);
        var list = new List<RelationshipType>(Types);
        var keys = new Dictionary<string, RelationshipType>(byKey, StringComparer.OrdinalIgnoreCase);
        foreach (var type in types)
        {
            Preconditions.CheckNotNull(type, nameof(types));
            if (keys.TryGetValue(Key(type.Name), out var known))
            {
                Preconditions.CheckArgument(
                    known.Equals(type) && known.HasSameSemantics(type),
                    nameof(types),
                    $"The relationship type '{type.Name}' clashes with the known type '{known.Name}' ({Describe(known)}).");
                continue;
            }

            keys.Add(Key(type.Name), type);
            list.Add(type);
        }

        return list.Count == Types.Count ? this : new RelationshipTypeCatalogue([.. list]);
    }

    /// <summary>True when this catalogue knows <paramref name="type"/>: a type of its name, with the same semantics.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    public bool Contains(RelationshipType type)
    {
        Preconditions.CheckNotNull(type);
        return byKey.TryGetValue(Key(type.Name), out var known) && known.Equals(type) && known.HasSameSemantics(type);
    }

    /// <summary>
    /// The known type named <paramref name="name"/> (ignoring case; <c>_</c> and <c>-</c> read as spaces).
    /// Text that is not a valid name gives <see cref="ResultStatus.Invalid"/> with <c>cmdb.relationship-type.invalid</c>;
    /// a name this catalogue does not know gives <see cref="ResultStatus.Invalid"/> with <c>cmdb.relationship-type.unknown</c>.
    /// </summary>
    /// <param name="name">The name to read.</param>
    /// <param name="field">The field the name came from, for the validation error's identifier.</param>
    public Result<RelationshipType> FromName(string? name, string field = "type")
    {
        var problem = Identifier.CheckText(name);
        if (problem is not null)
        {
            return Result<RelationshipType>.Invalid(Failure.Field(field, $"A relationship type {problem}", "cmdb.relationship-type.invalid"));
        }

        if (byKey.TryGetValue(Key(name!), out var known))
        {
            return known;
        }

        var nearest = Nearest(Key(name!));
        var suggestion = nearest is null ? string.Empty : $" Did you mean '{nearest.Name}'?";
        return Result<RelationshipType>.Invalid(Failure.Field(
            field,
            $"'{name}' is not a known relationship type.{suggestion} Known types: {string.Join(", ", Types.Select(t => t.Name))}; a vendor type must be defined first.",
            "cmdb.relationship-type.unknown"));
    }

    /// <summary>Returns the known names, comma-separated.</summary>
    public override string ToString() => string.Join(", ", Types.Select(t => t.Name));

    private static string Key(string name) => name.Replace('_', ' ').Replace('-', ' ');

    private static string Describe(RelationshipType type) =>
        $"{type.Direction}{(type.IsContainment ? ", containment" : string.Empty)}{(type.IsMembership ? ", membership" : string.Empty)}";

    /// <summary>The known type whose name is closest to <paramref name="key"/> in edits, when at most a quarter of its letters (and at least one) differ.</summary>
    private RelationshipType? Nearest(string key)
    {
        RelationshipType? best = null;
        var bestDistance = int.MaxValue;
        foreach (var type in Types)
        {
            var candidate = Key(type.Name);
            var distance = EditDistance(key.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance && distance <= Math.Max(1, candidate.Length / 4))
            {
                best = type;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance with two rows: O(|a| x |b|) time, O(|b|) space; only on the error path.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
