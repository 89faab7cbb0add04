using System.Collections.Immutable;
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
/// <remarks>
/// The record holds the command's fields as canonical JSON (never a <c>ToString()</c>), the ids it
/// created (the records the adapters inserted, and an identifier the command returned), and the
/// versions of every record it wrote, from the scope's <see cref="AuditTrail"/>. It is stamped with
/// the clock's instant before the handler ran, when the command says it happened.
/// </remarks>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type: <see cref="Result"/> or <see cref="Result{T}"/>.</typeparam>
public sealed class AuditBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IAuditLog auditLog;
    private readonly IClock clock;
    private readonly AuditTrail trail;

    /// <summary>Creates the behaviour over the audit log port, the injected clock and the scope's trail of writes.</summary>
    public AuditBehavior(IAuditLog auditLog, IClock clock, AuditTrail trail)
    {
        this.auditLog = auditLog ?? throw new ArgumentNullException(nameof(auditLog));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.trail = trail ?? throw new ArgumentNullException(nameof(trail));
    }

    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!CommandKinds<TRequest>.IsCommand)
        {
            return await next().ConfigureAwait(false);
        }

        var occurredAt = clock.GetCurrentInstant();
        var response = await next().ConfigureAwait(false);
        if (request is IItsmRequest command && response is IResult { } result && result.IsSuccess)
        {
            var writes = trail.Writes;
            var created = writes.Where(w => w.VersionBefore == 0).Select(w => w.Id).ToList();
            if (ReturnedIdentifier(result) is { } returned && !created.Contains(returned, StringComparer.Ordinal))
            {
                created.Add(returned);
            }

            var entry = new AuditEntry(command.Context, occurredAt, CommandKinds<TRequest>.Name, result.Status, CanonicalJson.Of(request), [.. created], writes);
            await auditLog.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>The text of the identifier a command returned (an opened incident's id), or null.</summary>
    private static string? ReturnedIdentifier(IResult result)
    {
        var value = result.GetValue();
        if (value is null)
        {
            return null;
        }

        var type = value.GetType();
        var isIdentifier = type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(ITextIdentifier<>) || i.GetGenericTypeDefinition() == typeof(IGuidIdentifier<>)));
        return isIdentifier ? value.ToString() : null;
    }
}
