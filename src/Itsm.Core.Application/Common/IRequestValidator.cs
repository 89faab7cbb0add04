using Itsm.Core.Common;

namespace Itsm.Core.Application.Common;

/// <summary>
/// Checks a request's input before its handler runs. Registered per request type; the validation
/// behaviour runs every validator registered for a request and rejects it with
/// <see cref="ResultStatus.Invalid"/> when any reports an error.
/// </summary>
/// <typeparam name="TRequest">The request type validated.</typeparam>
public interface IRequestValidator<in TRequest>
{
    /// <summary>Returns every problem with <paramref name="request"/>; empty when it is valid.</summary>
    IEnumerable<ValidationError> Validate(TRequest request);
}
