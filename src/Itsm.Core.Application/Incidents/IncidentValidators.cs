using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Incidents;

namespace Itsm.Core.Application.Incidents;

/// <summary>Checks the input of <see cref="OpenIncident"/> before anything is loaded.</summary>
internal sealed class OpenIncidentValidator(PriorityPolicy policy) : IRequestValidator<OpenIncident>
{
    /// <summary>The longest title an incident may have; held to on read as well (<see cref="StoredRecordRules"/>).</summary>
    internal const int MaxTitleLength = 500;

    public IEnumerable<ValidationError> Validate(OpenIncident request)
    {
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            yield return Failure.Field(nameof(request.Title), "An incident needs a title that says what is wrong.", "incident.title");
        }
        else if (request.Title.Length > MaxTitleLength)
        {
            yield return Failure.Field(nameof(request.Title), $"The title has {request.Title.Length} characters; keep it to {MaxTitleLength} and put the rest in notes.", "incident.title");
        }

        if (request.Service.Value is null)
        {
            yield return Failure.Field(nameof(request.Service), "Say which service is affected.", "incident.service");
        }

        if (request.Caller.Value is null)
        {
            yield return Failure.Field(nameof(request.Caller), "Say who reported the incident.", "incident.caller");
        }

        if (request.Impact is { } impact && (impact < 1 || impact > policy.Matrix.ImpactLevels))
        {
            yield return Failure.Field(nameof(request.Impact), $"Impact must be from 1 to {policy.Matrix.ImpactLevels} ({policy.Matrix.Name}), but was {impact}.", "incident.impact");
        }

        if (request.Impact is null && request.AffectedItem is null)
        {
            yield return Failure.Field(nameof(request.Impact), "Give an impact, or an affected configuration item to suggest one from the CMDB.", "incident.impact");
        }

        if (request.Urgency < 1 || request.Urgency > policy.Matrix.UrgencyLevels)
        {
            yield return Failure.Field(nameof(request.Urgency), $"Urgency must be from 1 to {policy.Matrix.UrgencyLevels} ({policy.Matrix.Name}), but was {request.Urgency}.", "incident.urgency");
        }
    }
}

/// <summary>Checks that every incident command names an incident.</summary>
internal static class IncidentCommandValidation
{
    public static IEnumerable<ValidationError> Check(IncidentCommand command)
    {
        if (command.Incident.Value == Guid.Empty)
        {
            yield return Failure.Field(nameof(command.Incident), "Say which incident.", "incident.id");
        }

        if (command.ExpectedVersion is < 1)
        {
            yield return Failure.Field(nameof(command.ExpectedVersion), "A version starts at 1.", "incident.version");
        }
    }

    public static IEnumerable<ValidationError> Text(string? text, string field, string message, string errorCode) =>
        string.IsNullOrWhiteSpace(text) ? [Failure.Field(field, message, errorCode)] : [];
}

internal sealed class ChangeIncidentPriorityValidator(PriorityPolicy policy) : IRequestValidator<ChangeIncidentPriority>
{
    public IEnumerable<ValidationError> Validate(ChangeIncidentPriority request)
    {
        var errors = IncidentCommandValidation.Check(request).Concat(IncidentCommandValidation.Text(request.Reason, "Reason", "Say why the priority changes.", "incident.priority-reason")).ToList();
        if (request.Impact < 1 || request.Impact > policy.Matrix.ImpactLevels)
        {
            errors.Add(Failure.Field(nameof(request.Impact), $"Impact must be from 1 to {policy.Matrix.ImpactLevels}, but was {request.Impact}.", "incident.impact"));
        }

        if (request.Urgency < 1 || request.Urgency > policy.Matrix.UrgencyLevels)
        {
            errors.Add(Failure.Field(nameof(request.Urgency), $"Urgency must be from 1 to {policy.Matrix.UrgencyLevels}, but was {request.Urgency}.", "incident.urgency"));
        }

        if (request.OverridePriority is { } rank && (rank < 1 || rank > policy.Matrix.PriorityLevels))
        {
            errors.Add(Failure.Field(nameof(request.OverridePriority), $"An override must be a priority from P1 to P{policy.Matrix.PriorityLevels}, but was {rank}.", "incident.override"));
        }

        return errors;
    }
}

internal sealed class AssignIncidentValidator : IRequestValidator<AssignIncident>
{
    public IEnumerable<ValidationError> Validate(AssignIncident request) =>
        IncidentCommandValidation.Check(request).Concat(request.Assignee.Value is null ? [Failure.Field(nameof(request.Assignee), "Say who the incident is assigned to.", "incident.assignee")] : []);
}

internal sealed class StartIncidentWorkValidator : IRequestValidator<StartIncidentWork>
{
    public IEnumerable<ValidationError> Validate(StartIncidentWork request) => IncidentCommandValidation.Check(request);
}

internal sealed class RecordFirstResponseValidator : IRequestValidator<RecordFirstResponse>
{
    public IEnumerable<ValidationError> Validate(RecordFirstResponse request) => IncidentCommandValidation.Check(request);
}

internal sealed class PutIncidentOnHoldValidator : IRequestValidator<PutIncidentOnHold>
{
    public IEnumerable<ValidationError> Validate(PutIncidentOnHold request) =>
        IncidentCommandValidation.Check(request).Concat(Enum.IsDefined(request.Reason) ? [] : [Failure.Field(nameof(request.Reason), "Use AwaitingCustomer or AwaitingSupplier.", "incident.hold-reason")]);
}

internal sealed class ResumeIncidentValidator : IRequestValidator<ResumeIncident>
{
    public IEnumerable<ValidationError> Validate(ResumeIncident request) => IncidentCommandValidation.Check(request);
}

internal sealed class ResolveIncidentValidator : IRequestValidator<ResolveIncident>
{
    public IEnumerable<ValidationError> Validate(ResolveIncident request) =>
        IncidentCommandValidation.Check(request).Concat(IncidentCommandValidation.Text(request.Resolution, "Resolution", "Say how service was restored.", "incident.resolution"));
}

internal sealed class CloseIncidentValidator : IRequestValidator<CloseIncident>
{
    public IEnumerable<ValidationError> Validate(CloseIncident request) => IncidentCommandValidation.Check(request);
}

internal sealed class ReopenIncidentValidator : IRequestValidator<ReopenIncident>
{
    public IEnumerable<ValidationError> Validate(ReopenIncident request) =>
        IncidentCommandValidation.Check(request).Concat(IncidentCommandValidation.Text(request.Reason, "Reason", "Say why the incident is reopened.", "incident.reopen-reason"));
}

internal sealed class CancelIncidentValidator : IRequestValidator<CancelIncident>
{
    public IEnumerable<ValidationError> Validate(CancelIncident request) =>
        IncidentCommandValidation.Check(request).Concat(IncidentCommandValidation.Text(request.Reason, "Reason", "Say why the incident is cancelled.", "incident.cancel-reason"));
}

internal sealed class LinkIncidentToProblemValidator : IRequestValidator<LinkIncidentToProblem>
{
    public IEnumerable<ValidationError> Validate(LinkIncidentToProblem request) =>
        IncidentCommandValidation.Check(request).Concat(request.Problem.Value == Guid.Empty ? [Failure.Field(nameof(request.Problem), "Say which problem.", "incident.problem")] : []);
}
