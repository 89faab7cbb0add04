using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;

namespace Itsm.Core.Application.Problems;

/// <summary>The shape checks every problem command shares: it names a problem, and a version when it gives one starts at 1.</summary>
internal static class ProblemCommandValidation
{
    public static IEnumerable<ValidationError> Check(ProblemId problem, long? expectedVersion)
    {
        if (problem.Value == Guid.Empty)
        {
            yield return Failure.Field("Problem", "Say which problem.", "problem.id");
        }

        if (expectedVersion is < 1)
        {
            yield return Failure.Field("ExpectedVersion", "A version starts at 1.", "problem.version");
        }
    }

    public static IEnumerable<ValidationError> Check(ProblemCommand command) => Check(command.Problem, command.ExpectedVersion);
}

/// <summary>Checks the shape of <see cref="LogProblem"/>: the title and the levels the policy's matrix has; the domain checks the rest.</summary>
internal sealed class LogProblemValidator(PriorityPolicy policy) : IRequestValidator<LogProblem>
{
    /// <summary>The longest title a problem may have, held to on read as well (<see cref="StoredRecordRules.Check(ProblemSnapshot)"/>).</summary>
    internal const int MaxTitleLength = 500;

    public IEnumerable<ValidationError> Validate(LogProblem request)
    {
        if (request.Title is { Length: > MaxTitleLength })
        {
            yield return Failure.Field(nameof(request.Title), $"The title has {request.Title.Length} characters; keep it to {MaxTitleLength}.", "problem.title");
        }

        if (request.Impact < 1 || request.Impact > policy.Matrix.ImpactLevels)
        {
            yield return Failure.Field(nameof(request.Impact), $"Impact must be from 1 to {policy.Matrix.ImpactLevels} ({policy.Matrix.Name}), but was {request.Impact}.", "problem.impact");
        }

        if (request.Urgency < 1 || request.Urgency > policy.Matrix.UrgencyLevels)
        {
            yield return Failure.Field(nameof(request.Urgency), $"Urgency must be from 1 to {policy.Matrix.UrgencyLevels} ({policy.Matrix.Name}), but was {request.Urgency}.", "problem.urgency");
        }

        if (request.Items.IsDefault)
        {
            yield return Failure.Field(nameof(request.Items), "Give the affected items, or an empty list.", "problem.identifier");
        }
    }
}

/// <summary>
/// The shared shape checks (<see cref="ProblemCommandValidation"/>) of every <see cref="ProblemCommand"/>, registered once as an
/// open generic (<see cref="ProblemManagementRegistration"/>); a command's own checks are validators of their own.
/// </summary>
/// <typeparam name="TCommand">The problem command.</typeparam>
internal sealed class ProblemCommandValidator<TCommand> : IRequestValidator<TCommand>
    where TCommand : ProblemCommand
{
    public IEnumerable<ValidationError> Validate(TCommand request) => ProblemCommandValidation.Check(request);
}

/// <summary>Checks that <see cref="ResolveProblemByChange"/> names the change; the shared checks are <see cref="ProblemCommandValidator{TCommand}"/>'s.</summary>
internal sealed class ResolveProblemByChangeValidator : IRequestValidator<ResolveProblemByChange>
{
    public IEnumerable<ValidationError> Validate(ResolveProblemByChange request) =>
        request.Change.Value == Guid.Empty ? [Failure.Field(nameof(request.Change), "Say which change resolved the problem.", "problem.change")] : [];
}

internal sealed class PushWorkaroundValidator : IRequestValidator<PushWorkaround>
{
    public IEnumerable<ValidationError> Validate(PushWorkaround request) => ProblemCommandValidation.Check(request.Problem, request.ExpectedVersion);
}
