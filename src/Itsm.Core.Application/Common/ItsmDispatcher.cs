using Itsm.Core.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Application.Common;

/// <summary>The default <see cref="IItsmDispatcher"/>: a scope per request, MediatR inside.</summary>
internal sealed class ItsmDispatcher : IItsmDispatcher
{
    private readonly IServiceScopeFactory scopes;

    public ItsmDispatcher(IServiceScopeFactory scopes) => this.scopes = scopes;

    public Task<TResult> SendAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(command);
        return SendInScopeAsync(command, cancellationToken);
    }

    public Task<TResult> QueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendInScopeAsync(query, cancellationToken);
    }

    private async Task<TResult> SendInScopeAsync<TResult>(IRequest<TResult> request, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            return await mediator.Send(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
