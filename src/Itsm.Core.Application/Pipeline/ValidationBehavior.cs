using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using MediatR;

namespace Itsm.Core.Application.Pipeline;

/// <summary>
/// Pipeline step 1: checks the request's shape (the one rule of <see cref="RequestShape"/>: no
/// control characters or lone surrogates in text, no text longer than <see cref="RequestLimits.MaxTextLength"/>, defined enum values, no missing or unassigned
/// values, instants in the supported range), then runs every <see cref="IRequestValidator{TRequest}"/>
/// registered for the request, and returns <see cref="ResultStatus.Invalid"/> with all their errors,
/// without calling the handler, when any reports a problem. Bad input never throws and never reaches a port.
/// </summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type: <see cref="Result"/> or <see cref="Result{T}"/>.</typeparam>
public sealed class ValidationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IEnumerable<IRequestValidator<TRequest>> validators;
    private readonly RequestLimits limits;

    /// <summary>Creates the behaviour with the validators registered for <typeparamref name="TRequest"/> and the default <see cref="RequestLimits"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="validators"/> is null.</exception>
    public ValidationBehavior(IEnumerable<IRequestValidator<TRequest>> validators)
        : this(validators, RequestLimits.Default)
    {
    }

    /// <summary>Creates the behaviour with the validators registered for <typeparamref name="TRequest"/> and the registered <paramref name="limits"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ValidationBehavior(IEnumerable<IRequestValidator<TRequest>> validators, RequestLimits limits)
    {
        this.validators = validators ?? throw new ArgumentNullException(nameof(validators));
        this.limits = limits ?? throw new ArgumentNullException(nameof(limits));
    }

    /// <inheritdoc />
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var errors = new List<ValidationError>();
        if (request is IItsmRequest { Context: null })
        {
            errors.Add(Failure.Field("Context", "The request has no context: say which tenant and user it is for.", "request.context"));
        }
        else if (request is not null && RequestShape.Check(request, limits) is { Count: > 0 } shape)
        {
            errors.AddRange(shape); // the request's own validators expect a well-shaped request
        }
        else
        {
            foreach (var validator in validators)
            {
                errors.AddRange(validator.Validate(request));
            }
        }

        return errors.Count == 0 ? next() : Task.FromResult(ResultFactory.Failure<TResponse>(Result.Invalid(errors)));
    }
}
