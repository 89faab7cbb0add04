using Itsm.Core.Common;
using MediatR;

namespace Itsm.Core.Application.Common;

/// <summary>A request made on behalf of an actor within a tenant.</summary>
public interface IItsmRequest
{
    /// <summary>Who is asking, for which tenant.</summary>
    RequestContext Context { get; }
}

/// <summary>
/// A command: changes state, runs in one unit of work, and leaves exactly one audit record when
/// accepted. Returns a <see cref="Result"/> (or <see cref="Result{T}"/>) and never throws for bad input.
/// </summary>
/// <typeparam name="TResult">The result type: <see cref="Result"/> or a <see cref="Result{T}"/>.</typeparam>
public interface ICommand<out TResult> : IRequest<TResult>, IItsmRequest
    where TResult : IResult
{
}

/// <summary>A query: reads state, changes nothing, leaves no audit record.</summary>
/// <typeparam name="TResult">The result type: a <see cref="Result{T}"/>.</typeparam>
public interface IQuery<out TResult> : IRequest<TResult>, IItsmRequest
    where TResult : IResult
{
}
