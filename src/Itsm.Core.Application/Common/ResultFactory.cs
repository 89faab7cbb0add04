using System.Collections.Concurrent;
using System.Reflection;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Common;

/// <summary>Creates a failed <see cref="Result"/> of any concrete result type a request declares.</summary>
internal static class ResultFactory
{
    private static readonly ConcurrentDictionary<Type, Func<Result, object>> Converters = new();
    private static readonly MethodInfo AsFailure = typeof(ResultConventions).GetMethods()
        .Single(m => m is { Name: nameof(ResultConventions.AsFailure), IsGenericMethodDefinition: true });

    /// <summary>Returns <paramref name="failure"/> as a <typeparamref name="TResponse"/>.</summary>
    internal static TResponse Failure<TResponse>(Result failure)
    {
        if (typeof(TResponse) == typeof(Result))
        {
            return (TResponse)(object)failure;
        }

        var convert = Converters.GetOrAdd(typeof(TResponse), static type =>
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Result<>))
            {
                throw new InvalidOperationException($"Request handlers must return Result or Result<T>, not {type}.");
            }

            var method = AsFailure.MakeGenericMethod(type.GetGenericArguments()[0]);
            return result => method.Invoke(null, [result])!;
        });
        return (TResponse)convert(failure);
    }

    /// <summary>Runs <paramref name="step"/> for each item in order and stops at the first failure, which it returns.</summary>
    internal static async Task<Result> EachAsync<T>(IEnumerable<T> items, Func<T, Task<Result>> step)
    {
        foreach (var item in items)
        {
            var result = await step(item).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result;
            }
        }

        return Result.Success();
    }
}
