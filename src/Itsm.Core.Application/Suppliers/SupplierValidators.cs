using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Suppliers;

/// <summary>Checks the horizon of <see cref="ListContractsInNotice"/>.</summary>
internal sealed class ListContractsInNoticeValidator : IRequestValidator<ListContractsInNotice>
{
    public IEnumerable<ValidationError> Validate(ListContractsInNotice request)
    {
        if (request.Days is < 0 or > 36600)
        {
            yield return Failure.Field(nameof(ListContractsInNotice.Days), $"Days is {request.Days}; ask for 0 (today) to 36,600 days ahead.", "supplier.notice.days");
        }
    }
}

/// <summary>Checks the priority of <see cref="CheckUnderpinning"/> and <see cref="LinkUnderpinning"/>.</summary>
internal sealed class CheckUnderpinningValidator : IRequestValidator<CheckUnderpinning>, IRequestValidator<LinkUnderpinning>
{
    public IEnumerable<ValidationError> Validate(CheckUnderpinning request) => Priority(request.Priority);

    public IEnumerable<ValidationError> Validate(LinkUnderpinning request) => Priority(request.Link.Priority);

    private static IEnumerable<ValidationError> Priority(int priority)
    {
        if (priority is < 1 or > 100)
        {
            yield return Failure.Field("Priority", $"Priority is {priority}; send a rank from 1 (P1) to 100.", "supplier.priority");
        }
    }
}
