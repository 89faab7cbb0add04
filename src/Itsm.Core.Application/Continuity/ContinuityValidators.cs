using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Continuity;

/// <summary>Checks the test interval of <see cref="ListStaleContinuityPlans"/>.</summary>
internal sealed class ListStaleContinuityPlansValidator : IRequestValidator<ListStaleContinuityPlans>
{
    public IEnumerable<ValidationError> Validate(ListStaleContinuityPlans request)
    {
        if (request.TestInterval <= Duration.Zero)
        {
            yield return Failure.Field(nameof(ListStaleContinuityPlans.TestInterval), $"The test interval is {request.TestInterval}; give a positive span, such as 365 days.", "continuity.interval.invalid");
        }
    }
}
