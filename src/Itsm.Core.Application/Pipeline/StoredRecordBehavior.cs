using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using MediatR;

namespace Itsm.Core.Application.Pipeline;

/// <summary>
/// Pipeline step 0.5, for commands and queries, just inside telemetry: a record that failed
/// validation when read back from storage (<see cref="StoredRecordException"/>) becomes an
/// <c>Error</c> result naming its table and key instead of an exception; so does a store the library
/// refuses to open (<see cref="StoreRefusedException"/>: a foreign file, a schema of another version). It runs outside the unit
/// of work, which has rolled back by then, so the command changed nothing.
/// </summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type: a result.</typeparam>
internal sealed class StoredRecordBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next().ConfigureAwait(false);
        }
        catch (StoredRecordException invalid)
        {
            return ResultFactory.Failure<TResponse>(Failure.Error(invalid.Message, StoredRecordException.ErrorCode));
        }
        catch (StoreRefusedException refused)
        {
            // A foreign file or a schema of another version: the store was not touched, and no exception escapes.
            return ResultFactory.Failure<TResponse>(Failure.Error(refused.Message, refused.ErrorCode));
        }
    }
}
