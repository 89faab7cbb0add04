using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Releases;

namespace Itsm.Core.Application.Releases;

/// <summary>The shape checks of release requests that the request shape rule does not make; the domain checks the rest.</summary>
internal static class ReleaseValidation
{
    /// <summary>The longest title <see cref="PlanRelease"/> accepts.</summary>
    public const int MaxTitleLength = 500;

    /// <summary>Error code of an expected version below 1.</summary>
    public const string ExpectedVersionCode = "release.expected-version";

    public static IEnumerable<ValidationError> Version(long? expectedVersion) =>
        expectedVersion is < 1 ? [Failure.Field("ExpectedVersion", $"A version starts at 1, but {expectedVersion} was given.", ExpectedVersionCode)] : [];

    public static IEnumerable<ValidationError> Known(System.Collections.Immutable.ImmutableArray<KnownErrorId> knownErrors, string field) =>
        knownErrors.IsDefault ? [Failure.Field(field, "Give the known errors, or an empty list.", "release.identifier")] : [];
}

/// <summary>
/// The shared check of every <see cref="ReleaseCommand"/> (its expected version), registered once as an open generic
/// (<see cref="ReleaseManagementRegistration"/>); a command's own checks are validators of their own.
/// </summary>
/// <typeparam name="TCommand">The release command.</typeparam>
internal sealed class ReleaseCommandValidator<TCommand> : IRequestValidator<TCommand>
    where TCommand : ReleaseCommand
{
    public IEnumerable<ValidationError> Validate(TCommand request) => ReleaseValidation.Version(request.ExpectedVersion);
}

internal sealed class PlanReleaseValidator : IRequestValidator<PlanRelease>
{
    public IEnumerable<ValidationError> Validate(PlanRelease request)
    {
        var errors = ReleaseValidation.Known(request.KnownErrors, nameof(request.KnownErrors)).ToList();
        if (request.Title is { Length: > ReleaseValidation.MaxTitleLength })
        {
            errors.Add(Failure.Field(nameof(request.Title), $"The title has {request.Title.Length} characters; keep it to {ReleaseValidation.MaxTitleLength}.", "release.title"));
        }

        return errors;
    }
}

internal sealed class AcceptReleaseValidator : IRequestValidator<AcceptRelease>
{
    public IEnumerable<ValidationError> Validate(AcceptRelease request) => ReleaseValidation.Known(request.Acknowledged, nameof(request.Acknowledged));
}

internal sealed class CheckReleaseAcceptanceValidator : IRequestValidator<CheckReleaseAcceptance>
{
    public IEnumerable<ValidationError> Validate(CheckReleaseAcceptance request) => ReleaseValidation.Known(request.Acknowledged, nameof(request.Acknowledged));
}

internal sealed class GetReleaseCalendarValidator : IRequestValidator<GetReleaseCalendar>
{
    public IEnumerable<ValidationError> Validate(GetReleaseCalendar request) =>
        request.PeriodStart < request.PeriodEnd
            ? []
            : [Failure.Field("Period", $"The period [{request.PeriodStart}, {request.PeriodEnd}) does not start before it ends; send a start before the end.", "release.calendar.period")];
}
