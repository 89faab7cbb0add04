using System.Collections.Immutable;
using System.Text.Json;
using Itsm.Core.Common;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>
/// A <see cref="ServiceAcceptancePolicy"/> as <c>{"name": "standard", "criteria": [...]}</c>, stored whole with each service and
/// restored by <see cref="ServiceAcceptancePolicy.Create"/>, so a later change of the tenant's policy does not rewrite it.
/// </summary>
internal sealed class ServiceAcceptancePolicyConverter : DataConverter<ServiceAcceptancePolicy, ServiceAcceptancePolicyConverter.Data>
{
    protected override ServiceAcceptancePolicy FromData(Data data)
    {
        var policy = Valid(ServiceAcceptancePolicy.Create(data.Name, data.Criteria.IsDefault ? [] : data.Criteria));
        return policy.Criteria.SequenceEqual(data.Criteria, StringComparer.Ordinal)
            ? policy
            : throw new JsonException("The stored acceptance policy lists its criteria out of order.");
    }

    protected override Data ToData(ServiceAcceptancePolicy value) => new(value.Name, value.Criteria);

    internal sealed record Data(string Name, ImmutableArray<string> Criteria);
}

/// <summary>An <see cref="AgreementRetargetPolicy"/> as its name, restored by <see cref="AgreementRetargetPolicy.FromName"/>.</summary>
internal sealed class AgreementRetargetPolicyConverter : TextValueConverter<AgreementRetargetPolicy>
{
    protected override AgreementRetargetPolicy FromText(string text)
    {
        var policy = AgreementRetargetPolicy.FromName(text);
        return policy.IsSuccess ? policy.Value : throw new JsonException($"The stored agreement re-target policy is not valid: {policy.Message}");
    }

    protected override string ToText(AgreementRetargetPolicy value) => value.Name;
}
