using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using MediatR;

namespace Itsm.Core.Application.Pipeline;

/// <summary>
/// Pipeline step 2, commands only: runs the rest of the pipeline in one <see cref="IUnitOfWork"/>.
/// Commits when the result is a success; rolls back when it is a failure or the handler throws,
/// so a failed command changes nothing.
/// </summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type: <see cref="Result"/> or <see cref="Result{T}"/>.</typeparam>
public sealed class UnitOfWorkBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IUnitOfWork unitOfWork;

    /// <summary>Creates the behaviour around the scope's unit of work.</summary>
    public UnitOfWorkBehavior(IUnitOfWork unitOfWork) =>
        this.unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));

    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!CommandKinds<TRequest>.IsCommand)
        {
            return await next().ConfigureAwait(false);
        }

        await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        TResponse response;
        try
        {
            response = await next().ConfigureAwait(false);
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (response is IResult { } outcome && outcome.IsSuccess)
        {
            await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await unitOfWork.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return response;
    }
}
