using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.ServiceCatalogue;

/// <summary>
/// The vendor's own acceptance criteria of the service transition gate, as a named value: each criterion is a name (such as
/// <c>security-review</c> or <c>runbook-approved</c>) that must be attested when the service goes live, beside the criteria
/// every service meets (<see cref="ServiceAcceptanceGate"/>).
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equal when name and criteria are equal. A service stores its policy whole, so a later change of
/// the tenant's policy does not rewrite the gate a service already passed. <see cref="Standard"/> adds no criterion.
/// </remarks>
public sealed class ServiceAcceptancePolicy : IEquatable<ServiceAcceptancePolicy>
{
    private ServiceAcceptancePolicy(string name, ImmutableArray<string> criteria)
    {
        Name = name;
        Criteria = criteria;
    }

    /// <summary>The standard policy: the gate's own criteria and nothing more.</summary>
    public static ServiceAcceptancePolicy Standard { get; } = new("standard", []);

    /// <summary>The policy's name, such as <c>standard</c>.</summary>
    public string Name { get; }

    /// <summary>The vendor criteria that must be attested, distinct and in ordinal order; may be empty.</summary>
    public ImmutableArray<string> Criteria { get; }

    /// <summary>
    /// A policy: Invalid (<c>service.policy</c>) when the name or a criterion is not a valid identifier text, or a criterion
    /// is named twice.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="criteria"/> is null.</exception>
    public static Result<ServiceAcceptancePolicy> Create(string? name, IEnumerable<string?> criteria)
    {
        Preconditions.CheckNotNull(criteria);
        var given = criteria.ToList();
        var problem = Identifier.CheckText(name) is { } text ? $"An acceptance policy name {text}"
            : given.Select(Identifier.CheckText).FirstOrDefault(p => p is not null) is { } bad ? $"An acceptance criterion name {bad}"
            : given.Distinct(StringComparer.Ordinal).Count() != given.Count ? "An acceptance policy names each criterion once."
            : null;
        return problem is null
            ? new ServiceAcceptancePolicy(name!, [.. given.Order(StringComparer.Ordinal)!])
            : Result<ServiceAcceptancePolicy>.Invalid(Failure.Field("Policy", problem, ServiceCatalogueErrors.Policy));
    }

    /// <inheritdoc />
    public bool Equals(ServiceAcceptancePolicy? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && Criteria.SequenceEqual(other.Criteria, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ServiceAcceptancePolicy);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Criteria.Length);

    /// <summary>Reads as <c>standard (no extra criteria)</c> or <c>strict (runbook, security-review)</c>.</summary>
    public override string ToString() => $"{Name} ({(Criteria.IsEmpty ? "no extra criteria" : string.Join(", ", Criteria))})";
}
