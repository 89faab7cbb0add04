using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Core.Application.ServiceCatalogue;

/// <summary>The shape checks of catalogue requests that the request shape rule does not make; the domain checks the rest.</summary>
internal static class CatalogueValidation
{
    /// <summary>Error code of an expected version below 1.</summary>
    public const string ExpectedVersionCode = "service.expected-version";

    public static IEnumerable<ValidationError> Version(long? expectedVersion) =>
        expectedVersion is < 1 ? [Failure.Field("ExpectedVersion", $"A version starts at 1, but {expectedVersion} was given.", ExpectedVersionCode)] : [];

    public static IEnumerable<ValidationError> Attested(System.Collections.Immutable.ImmutableArray<string> attested) =>
        attested.IsDefault || attested.Any(string.IsNullOrWhiteSpace)
            ? [Failure.Field("Attested", "Name each attested criterion, or give an empty list.", "service.policy")]
            : [];
}

/// <summary>The shared check of every <see cref="ServiceCommand"/> (its expected version), registered once as an open generic.</summary>
/// <typeparam name="TCommand">The service command.</typeparam>
internal sealed class ServiceCommandValidator<TCommand> : IRequestValidator<TCommand>
    where TCommand : ServiceCommand
{
    public IEnumerable<ValidationError> Validate(TCommand request) => CatalogueValidation.Version(request.ExpectedVersion);
}

internal sealed class DefineServiceValidator : IRequestValidator<DefineService>
{
    public IEnumerable<ValidationError> Validate(DefineService request) =>
        request.Customers.IsDefault || request.Policy is null
            ? [Failure.Field("Customers", "Give the customers (or an empty list) and an acceptance policy.", "service.identifier")]
            : [];
}

internal sealed class AddOfferingValidator : IRequestValidator<AddOffering>
{
    public IEnumerable<ValidationError> Validate(AddOffering request) =>
        request.Targets is null ? [Failure.Field("Targets", "Give the offering's targets by priority rank.", "service.offering")] : [];
}

internal sealed class GoLiveValidator : IRequestValidator<GoLive>
{
    public IEnumerable<ValidationError> Validate(GoLive request) => CatalogueValidation.Attested(request.Attested);
}

internal sealed class CheckAcceptanceValidator : IRequestValidator<CheckAcceptance>
{
    public IEnumerable<ValidationError> Validate(CheckAcceptance request) => CatalogueValidation.Attested(request.Attested);
}
