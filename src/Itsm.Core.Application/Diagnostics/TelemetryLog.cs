using Itsm.Core.Common;
using Microsoft.Extensions.Logging;

namespace Itsm.Core.Application.Diagnostics;

/// <summary>
/// The pipeline's log messages, source-generated so that a disabled level costs one check and no
/// allocation. Event ids 1000 to 1099 belong to the pipeline and are stable.
/// </summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 1000, EventName = "RequestSucceeded", Level = LogLevel.Trace,
        Message = "{RequestKind} {Request} for tenant {Tenant} succeeded with {Outcome} in {ElapsedMilliseconds} ms (correlation {CorrelationId})")]
    internal static partial void RequestSucceeded(ILogger logger, string requestKind, string request, string? tenant, string outcome, double elapsedMilliseconds, CorrelationId? correlationId);

    [LoggerMessage(EventId = 1001, EventName = "RequestRejected", Level = LogLevel.Debug,
        Message = "{RequestKind} {Request} for tenant {Tenant} was rejected with {Outcome} ({ErrorCode}) in {ElapsedMilliseconds} ms (correlation {CorrelationId})")]
    internal static partial void RequestRejected(ILogger logger, string requestKind, string request, string? tenant, string outcome, string? errorCode, double elapsedMilliseconds, CorrelationId? correlationId);

    [LoggerMessage(EventId = 1002, EventName = "RequestFailed", Level = LogLevel.Error,
        Message = "{RequestKind} {Request} for tenant {Tenant} failed with {Outcome} ({ErrorCode}) in {ElapsedMilliseconds} ms (correlation {CorrelationId})")]
    internal static partial void RequestFailed(ILogger logger, string requestKind, string request, string? tenant, string outcome, string? errorCode, double elapsedMilliseconds, CorrelationId? correlationId);

    [LoggerMessage(EventId = 1003, EventName = "RequestFaulted", Level = LogLevel.Error,
        Message = "{RequestKind} {Request} for tenant {Tenant} threw after {ElapsedMilliseconds} ms (correlation {CorrelationId})")]
    internal static partial void RequestFaulted(ILogger logger, Exception exception, string requestKind, string request, string? tenant, double elapsedMilliseconds, CorrelationId? correlationId);

    [LoggerMessage(EventId = 1004, EventName = "RequestCancelled", Level = LogLevel.Debug,
        Message = "{RequestKind} {Request} for tenant {Tenant} was cancelled after {ElapsedMilliseconds} ms (correlation {CorrelationId})")]
    internal static partial void RequestCancelled(ILogger logger, string requestKind, string request, string? tenant, double elapsedMilliseconds, CorrelationId? correlationId);

    [LoggerMessage(EventId = 1005, EventName = "SlaObservationFailed", Level = LogLevel.Warning,
        Message = "Could not observe the SLA clocks of incident {Incident} for tenant {Tenant}; the command is unaffected, its SLA warnings and breaches are not counted (correlation {CorrelationId})")]
    internal static partial void SlaObservationFailed(ILogger logger, Exception exception, IncidentId incident, string tenant, CorrelationId correlationId);
}
