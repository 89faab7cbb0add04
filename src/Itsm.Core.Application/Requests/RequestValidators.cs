using Itsm.Core.Application.Common;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Requests;

namespace Itsm.Core.Application.Requests;

/// <summary>The shape checks of request fulfilment requests that the request shape rule does not make; the domain checks the rest.</summary>
internal static class RequestValidation
{
    /// <summary>Error code of an expected version below 1.</summary>
    public const string ExpectedVersionCode = "request.expected-version";

    /// <summary>The longest item name <see cref="DefineRequestItem"/> accepts.</summary>
    public const int MaxNameLength = 200;

    public static IEnumerable<ValidationError> Version(long? expectedVersion) =>
        expectedVersion is < 1 ? [Failure.Field("ExpectedVersion", $"A version starts at 1, but {expectedVersion} was given.", ExpectedVersionCode)] : [];
}

/// <summary>The shared check of every <see cref="ServiceRequestCommand"/> (its expected version), registered once as an open generic.</summary>
/// <typeparam name="TCommand">The request command.</typeparam>
internal sealed class ServiceRequestCommandValidator<TCommand> : IRequestValidator<TCommand>
    where TCommand : ServiceRequestCommand
{
    public IEnumerable<ValidationError> Validate(TCommand request) => RequestValidation.Version(request.ExpectedVersion);
}

internal sealed class DefineRequestItemValidator : IRequestValidator<DefineRequestItem>
{
    public IEnumerable<ValidationError> Validate(DefineRequestItem request) =>
        request.Name is { Length: > RequestValidation.MaxNameLength }
            ? [Failure.Field(nameof(request.Name), $"The item's name has {request.Name.Length} characters; keep it to {RequestValidation.MaxNameLength}.", RequestItem.InvalidCode)]
            : request.WarningThresholds.IsDefault ? [Failure.Field(nameof(request.WarningThresholds), "Give the warning thresholds, or an empty list.", RequestItem.TargetCode)] : [];
}

internal sealed class ListRequestsValidator : IRequestValidator<ListRequests>
{
    public IEnumerable<ValidationError> Validate(ListRequests request)
    {
        var page = PageRequest.Parse(request.Skip, request.Take);
        return page.IsSuccess ? [] : page.ValidationErrors;
    }
}
