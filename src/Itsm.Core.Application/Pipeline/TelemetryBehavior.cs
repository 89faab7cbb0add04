using System.Diagnostics;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Diagnostics;
using Itsm.Core.Common;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Itsm.Core.Application.Pipeline;

/// <summary>
/// Pipeline step 0, the outermost, for commands and queries: one activity per request, the request
/// counters and duration histogram, the SLA warnings and breaches an accepted command observed, and
/// one log line per request. The duration covers validation, the handler, saving and audit.
/// </summary>
/// <remarks>
/// <para>
/// Outcomes are told apart as <see cref="ItsmTelemetry"/> documents: success is logged at Trace,
/// an expected failure (Invalid, NotFound, Conflict, Forbidden, Unauthorized) at Debug and never
/// as an error, a fault (an exception, or an Error, CriticalError or Unavailable result) at Error
/// with the request, tenant and correlation id. An exception is recorded and rethrown unchanged,
/// so the caller sees exactly what it would without this step; cancellation by the caller's token
/// is not a fault. Without a logger registered by the host, nothing is logged.
/// </para>
/// <para>SLA crossings are counted only for accepted commands, after their unit of work committed.</para>
/// </remarks>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type: a result.</typeparam>
internal sealed class TelemetryBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string Kind = CommandKinds<TRequest>.IsCommand ? "command" : "query";
    private static readonly string ActivityName = $"itsm.{Kind} {CommandKinds<TRequest>.Name}";

    private readonly SlaCrossings crossings;
    private readonly ILogger logger;

    /// <summary>Creates the behaviour; <paramref name="logger"/> is optional and defaults to no logging.</summary>
    public TelemetryBehavior(SlaCrossings crossings, ILogger<TelemetryBehavior<TRequest, TResponse>>? logger = null)
    {
        this.crossings = crossings ?? throw new ArgumentNullException(nameof(crossings));
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var context = (request as IItsmRequest)?.Context;
        var tenant = context?.Tenant.Value;
        var correlation = context?.Correlation;
        crossings.Clear();
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(tenant, correlation);
        TResponse response;
        try
        {
            response = await next().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var elapsed = Record(activity, ItsmTelemetry.Outcomes.Cancelled, null, started);
            TelemetryLog.RequestCancelled(logger, Kind, CommandKinds<TRequest>.Name, tenant, elapsed.TotalMilliseconds, correlation);
            throw;
        }
        catch (Exception exception)
        {
            var elapsed = Record(activity, ItsmTelemetry.Outcomes.Exception, null, started);
            if (activity is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, exception.Message);
                activity.SetTag(ItsmTelemetry.Tags.ErrorType, exception.GetType().FullName);
                activity.AddException(exception);
            }

            TelemetryLog.RequestFaulted(logger, exception, Kind, CommandKinds<TRequest>.Name, tenant, elapsed.TotalMilliseconds, correlation);
            throw;
        }

        var (status, errorCode) = RequestOutcome.Of(response);
        if (RequestOutcome.IsSuccess(status))
        {
            RecordSlaCrossings(activity);
            var elapsed = Record(activity, status, errorCode, started);
            TelemetryLog.RequestSucceeded(logger, Kind, CommandKinds<TRequest>.Name, tenant, status, elapsed.TotalMilliseconds, correlation);
        }
        else if (RequestOutcome.IsFault(status))
        {
            var elapsed = Record(activity, status, errorCode, started);
            if (activity is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, errorCode ?? status);
                activity.SetTag(ItsmTelemetry.Tags.ErrorType, errorCode ?? status);
            }

            TelemetryLog.RequestFailed(logger, Kind, CommandKinds<TRequest>.Name, tenant, status, errorCode, elapsed.TotalMilliseconds, correlation);
        }
        else
        {
            var elapsed = Record(activity, status, errorCode, started);
            TelemetryLog.RequestRejected(logger, Kind, CommandKinds<TRequest>.Name, tenant, status, errorCode, elapsed.TotalMilliseconds, correlation);
        }

        return response;
    }

    private static Activity? StartActivity(string? tenant, CorrelationId? correlation)
    {
        var source = ItsmTelemetry.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        // Tags given at the start, so that a sampler can decide on them.
        var tags = new TagList
        {
            { ItsmTelemetry.Tags.Request, CommandKinds<TRequest>.Name },
            { ItsmTelemetry.Tags.RequestKind, Kind },
        };
        if (tenant is not null)
        {
            tags.Add(ItsmTelemetry.Tags.Tenant, tenant);
        }

        if (correlation is { } id)
        {
            tags.Add(ItsmTelemetry.Tags.CorrelationId, id.ToString());
        }

        return source.StartActivity(ActivityName, ActivityKind.Internal, default(ActivityContext), tags);
    }

    /// <summary>Tags the activity with the outcome and adds to the request counter and histogram, while the activity is still current.</summary>
    private static TimeSpan Record(Activity? activity, string outcome, string? errorCode, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (activity is not null)
        {
            activity.SetTag(ItsmTelemetry.Tags.Outcome, outcome);
            if (errorCode is not null)
            {
                activity.SetTag(ItsmTelemetry.Tags.ErrorCode, errorCode);
            }
        }

        var counter = CommandKinds<TRequest>.IsCommand ? ItsmTelemetry.Commands : ItsmTelemetry.Queries;
        if (counter.Enabled)
        {
            var tags = new TagList { { ItsmTelemetry.Tags.Request, CommandKinds<TRequest>.Name }, { ItsmTelemetry.Tags.Outcome, outcome } };
            if (errorCode is not null)
            {
                tags.Add(ItsmTelemetry.Tags.ErrorCode, errorCode);
            }

            counter.Add(1, tags);
        }

        if (ItsmTelemetry.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { ItsmTelemetry.Tags.Request, CommandKinds<TRequest>.Name },
                { ItsmTelemetry.Tags.RequestKind, Kind },
                { ItsmTelemetry.Tags.Outcome, outcome },
            };
            ItsmTelemetry.RequestDuration.Record(elapsed.TotalSeconds, tags);
        }

        return elapsed;
    }

    private void RecordSlaCrossings(Activity? activity)
    {
        foreach (var crossing in crossings.Observed)
        {
            var tags = new TagList
            {
                { ItsmTelemetry.Tags.SlaMetric, crossing.MetricName },
                { ItsmTelemetry.Tags.Priority, crossing.Priority.ToString() },
            };
            if (crossing.Threshold is { } threshold)
            {
                tags.Add(ItsmTelemetry.Tags.SlaThreshold, threshold);
                ItsmTelemetry.SlaWarnings.Add(1, tags);
            }
            else
            {
                ItsmTelemetry.SlaBreaches.Add(1, tags);
            }

            activity?.AddEvent(new ActivityEvent(
                crossing.Threshold is null ? ItsmTelemetry.Events.SlaBreach : ItsmTelemetry.Events.SlaWarning,
                tags: new ActivityTagsCollection(tags)));
        }

        crossings.Clear();
    }
}

/// <summary>
/// Reads a response's outcome for telemetry. The one place in the pipeline's telemetry that knows
/// the result type; every decision below works on the status's name.
/// </summary>
internal static class RequestOutcome
{
    /// <summary>The status name and error code of <paramref name="response"/>; <c>Unknown</c> when it is not a result.</summary>
    internal static (string Status, string? ErrorCode) Of(object? response) =>
        response is IResult result ? (result.Status.ToString(), result.ErrorCode) : ("Unknown", null);

    /// <summary>True for the statuses of an accepted request.</summary>
    internal static bool IsSuccess(string status) => status is "Ok" or "Created" or "NoContent";

    /// <summary>True for the statuses of a fault of the system, as opposed to an expected failure of the request.</summary>
    internal static bool IsFault(string status) => status is "Error" or "CriticalError" or "Unavailable" or "Unknown";
}
