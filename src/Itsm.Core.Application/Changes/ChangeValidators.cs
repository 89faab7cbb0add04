using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Changes;

/// <summary>Field checks shared by the change validators.</summary>
internal static class ChangeValidation
{
    internal static IEnumerable<ValidationError> Id(ChangeId id)
    {
        if (id.Value == Guid.Empty)
        {
            yield return Failure.Field("Change", "Say which change: the identifier is empty.", "change.id");
        }
    }

    internal static IEnumerable<ValidationError> Text(string? text, string field, string message, string errorCode)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield return Failure.Field(field, message, errorCode);
        }
    }

    internal static IEnumerable<ValidationError> Period(Instant start, Instant end, string field)
    {
        if (start >= end)
        {
            yield return Failure.Field(field, $"The start ({start}) must be before the end ({end}).", "change.period");
        }
    }
}

internal sealed class RaiseChangeValidator : IRequestValidator<RaiseChange>
{
    public IEnumerable<ValidationError> Validate(RaiseChange request)
    {
        var errors = new List<ValidationError>();
        errors.AddRange(ChangeValidation.Text(request.Title, "Title", "A change needs a title.", "change.title"));
        if (request.AffectedItems is null || request.AffectedItems.Count == 0 || request.AffectedItems.Any(i => i.Value is null))
        {
            errors.Add(Failure.Field("AffectedItems", "Name at least one affected configuration item.", "change.affected-items"));
        }

        if (request.Window.HasStart && request.Window.HasEnd)
        {
            errors.AddRange(ChangeValidation.Period(request.Window.Start, request.Window.End, "Window"));
        }

        if (!Enum.IsDefined(request.Type))
        {
            errors.Add(Failure.Field("Type", $"Unknown change type {request.Type}.", "change.type"));
        }
        else if (request.Type == ChangeType.Standard && string.IsNullOrWhiteSpace(request.Template))
        {
            errors.Add(Failure.Field("Template", "A standard change must name a pre-approved template.", "change.template"));
        }
        else if (request.Type != ChangeType.Standard && request.Template is not null)
        {
            errors.Add(Failure.Field("Template", "Only standard changes come from templates.", "change.template"));
        }

        if (request.Type != ChangeType.Standard && request.Plans is null)
        {
            errors.Add(Failure.Field("Plans", "A normal or emergency change needs an implementation plan.", "change.plans"));
        }
        else if (request.Type == ChangeType.Standard && request.Plans is not null)
        {
            errors.Add(Failure.Field("Plans", "A standard change follows its pre-approved template's plans; leave the plans out.", "change.plans"));
        }

        return errors;
    }
}

internal sealed class SubmitChangeValidator : IRequestValidator<SubmitChange>
{
    public IEnumerable<ValidationError> Validate(SubmitChange request) => ChangeValidation.Id(request.Change);
}

internal sealed class AssessChangeRiskValidator : IRequestValidator<AssessChangeRisk>
{
    public IEnumerable<ValidationError> Validate(AssessChangeRisk request) => ChangeValidation.Id(request.Change);
}

internal sealed class ApproveChangeValidator : IRequestValidator<ApproveChange>
{
    public IEnumerable<ValidationError> Validate(ApproveChange request) =>
        ChangeValidation.Id(request.Change).Concat(ChangeValidation.Text(request.Reason, "Reason", "Say why you approve.", "change.reason"));
}

internal sealed class RejectChangeValidator : IRequestValidator<RejectChange>
{
    public IEnumerable<ValidationError> Validate(RejectChange request) =>
        ChangeValidation.Id(request.Change).Concat(ChangeValidation.Text(request.Reason, "Reason", "Say why you reject.", "change.reason"));
}

internal sealed class ScheduleChangeValidator : IRequestValidator<ScheduleChange>
{
    public IEnumerable<ValidationError> Validate(ScheduleChange request) => ChangeValidation.Id(request.Change);
}

internal sealed class StartImplementationValidator : IRequestValidator<StartImplementation>
{
    public IEnumerable<ValidationError> Validate(StartImplementation request) => ChangeValidation.Id(request.Change);
}

internal sealed class CompleteChangeValidator : IRequestValidator<CompleteChange>
{
    public IEnumerable<ValidationError> Validate(CompleteChange request) => ChangeValidation.Id(request.Change);
}

internal sealed class FailChangeValidator : IRequestValidator<FailChange>
{
    public IEnumerable<ValidationError> Validate(FailChange request)
    {
        var errors = ChangeValidation.Id(request.Change).Concat(ChangeValidation.Text(request.Notes, "Notes", "Say what went wrong and how it was remediated.", "change.notes")).ToList();
        if (!Enum.IsDefined(request.Remediation))
        {
            errors.Add(Failure.Field("Remediation", $"Unknown remediation {request.Remediation}.", "change.remediation"));
        }

        return errors;
    }
}

internal sealed class ReviewChangeValidator : IRequestValidator<ReviewChange>
{
    public IEnumerable<ValidationError> Validate(ReviewChange request) =>
        ChangeValidation.Id(request.Change).Concat(ChangeValidation.Text(request.Findings, "Findings", "A post-implementation review needs findings.", "change.findings"));
}

internal sealed class CloseChangeValidator : IRequestValidator<CloseChange>
{
    public IEnumerable<ValidationError> Validate(CloseChange request) => ChangeValidation.Id(request.Change);
}

internal sealed class GetChangeValidator : IRequestValidator<GetChange>
{
    public IEnumerable<ValidationError> Validate(GetChange request) => ChangeValidation.Id(request.Change);
}

internal sealed class ListChangesValidator : IRequestValidator<ListChanges>
{
    public IEnumerable<ValidationError> Validate(ListChanges request)
    {
        if (request.Specification is null)
        {
            yield return Failure.Field("Specification", "Say which changes to list.", "change.specification");
        }
    }
}

internal sealed class FindScheduleConflictsValidator : IRequestValidator<FindScheduleConflicts>
{
    public IEnumerable<ValidationError> Validate(FindScheduleConflicts request) => ChangeValidation.Period(request.PeriodStart, request.PeriodEnd, "Period");
}

internal sealed class GetChangeCalendarValidator : IRequestValidator<GetChangeCalendar>
{
    public IEnumerable<ValidationError> Validate(GetChangeCalendar request) => ChangeValidation.Period(request.PeriodStart, request.PeriodEnd, "Period");
}

internal sealed class ListAuthorisedChangesValidator : IRequestValidator<ListAuthorisedChanges>
{
    public IEnumerable<ValidationError> Validate(ListAuthorisedChanges request)
    {
        var errors = ChangeValidation.Period(request.After, request.UpTo, "Period").ToList();
        if (request.Item.Value is null)
        {
            errors.Add(Failure.Field("Item", "Say which configuration item.", "change.item"));
        }

        return errors;
    }
}
