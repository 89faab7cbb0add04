using Itsm.Core.Common;

namespace Itsm.Core.Application.Common;

/// <summary>
/// The one entry point a host needs: sends a command or query through the pipeline (validation,
/// unit of work, audit) in a fresh dependency-injection scope, so each request gets its own
/// unit of work.
/// </summary>
/// <remarks>Thread-safe: concurrent sends run in separate scopes.</remarks>
public interface IItsmDispatcher
{
    /// <summary>Sends a command and returns its result; bad input comes back as <see cref="ResultStatus.Invalid"/>, never as an exception.</summary>
    Task<TResult> SendAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default)
        where TResult : IResult;

    /// <summary>Sends a query and returns its result.</summary>
    Task<TResult> QueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default)
        where TResult : IResult;
}
