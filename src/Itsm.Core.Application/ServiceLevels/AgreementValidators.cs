using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>The shape checks of agreement requests that the request shape rule does not make; the domain checks the rest.</summary>
internal static class AgreementValidation
{
    /// <summary>Error code of an expected version below 1, or given for a new agreement.</summary>
    public const string ExpectedVersionCode = "agreement.expected-version";

    /// <summary>Error code of a zone that is not an IANA time zone id.</summary>
    public const string ZoneCode = "agreement.zone";

    public static IEnumerable<ValidationError> Version(long? expectedVersion) =>
        expectedVersion is < 1 ? [Failure.Field("ExpectedVersion", $"A version starts at 1, but {expectedVersion} was given.", ExpectedVersionCode)] : [];
}

/// <summary>The shared check of every <see cref="AgreementCommand"/> (its expected version), registered once as an open generic.</summary>
/// <typeparam name="TCommand">The agreement command.</typeparam>
internal sealed class AgreementCommandValidator<TCommand> : IRequestValidator<TCommand>
    where TCommand : AgreementCommand
{
    public IEnumerable<ValidationError> Validate(TCommand request) => AgreementValidation.Version(request.ExpectedVersion);
}

internal sealed class DraftAgreementValidator : IRequestValidator<DraftAgreement>
{
    public IEnumerable<ValidationError> Validate(DraftAgreement request)
    {
        var errors = AgreementValidation.Version(request.ExpectedVersion).ToList();
        if (request.ExpectedVersion is not null && request.Agreement is null)
        {
            errors.Add(Failure.Field("ExpectedVersion", "An expected version applies to a new version of an existing agreement; name the agreement.", AgreementValidation.ExpectedVersionCode));
        }

        if (request.Zone is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.Zone) is null)
        {
            errors.Add(Failure.Field("Zone", $"'{request.Zone}' is not an IANA time zone id, such as Europe/London.", AgreementValidation.ZoneCode));
        }

        if (AgreementRetargetPolicy.FromName(request.RetargetPolicy) is { IsSuccess: false } unknown)
        {
            errors.AddRange(unknown.ValidationErrors);
        }

        if (request.Coverage is null)
        {
            errors.Add(Failure.Field("Coverage", "Give the services and offerings the agreement covers.", AgreementErrors.Terms));
        }

        return errors;
    }
}
