using Itsm.Core.Application.Common;

namespace Itsm.Core.Application.Pipeline;

/// <summary>Tells commands from queries once per request type.</summary>
internal static class CommandKinds<TRequest>
{
    /// <summary>True when <typeparamref name="TRequest"/> implements <see cref="ICommand{TResult}"/>.</summary>
    internal static readonly bool IsCommand = typeof(TRequest).GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    /// <summary>The name recorded in audit records: the request type's name.</summary>
    internal static readonly string Name = typeof(TRequest).Name;
}
