using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Pipeline;

/// <summary>
/// Pipeline step 3, commands only: when the handler accepts a command, appends exactly one
/// <see cref="AuditRecord"/> inside the command's unit of work, so the record and the change it
/// describes commit or roll back together. Rejected commands leave no record.
/// </summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type: <see cref="Result"/> or <see cref="Result{T}"/>.</typeparam>
public sealed class AuditBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IAuditLog auditLog;
    private readonly IClock clock;

    /// <summary>Creates the behaviour over the audit log port and the injected clock.</summary>
    public AuditBehavior(IAuditLog auditLog, IClock clock)
    {
        this.auditLog = auditLog ?? throw new ArgumentNullException(nameof(auditLog));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var response = await next().ConfigureAwait(false);
        if (CommandKinds<TRequest>.IsCommand && request is IItsmRequest command && response is IResult { } result && result.IsSuccess)
        {
            var entry = new AuditEntry(command.Context, clock.GetCurrentInstant(), CommandKinds<TRequest>.Name, result.Status, request.ToString() ?? string.Empty);
            await auditLog.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }
}
