using System.Diagnostics;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Diagnostics;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Incidents;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Itsm.Core.Application.Pipeline;

/// <summary>
/// The innermost step, incident commands only, and only while someone listens to the SLA
/// instruments or records the request's activity: reads the incident before and after the handler,
/// inside the command's unit of work, and notes in <see cref="SlaCrossings"/> the warning thresholds
/// and breaches that the accepted command is the first to see. <see cref="TelemetryBehavior{TRequest, TResponse}"/>
/// records them once the command has committed.
/// </summary>
/// <remarks>
/// The domain records no warning or breach events (they happen as time passes, not at a
/// transition), so this step compares what the previous accepted command saw, the stored incident
/// evaluated at its last history instant, with what this one sees, the saved incident evaluated at
/// its own. It costs two reads of the incident per observed command and nothing otherwise. It never
/// changes a command's outcome: a failure to observe is logged at Warning and counts nothing.
/// </remarks>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type: a result.</typeparam>
internal sealed class SlaObservationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsIncidentCommand = typeof(IncidentCommand).IsAssignableFrom(typeof(TRequest));

    private readonly IServiceProvider services;
    private readonly ILogger logger;

    /// <summary>Creates the behaviour; the ports are resolved only for observed incident commands.</summary>
    public SlaObservationBehavior(IServiceProvider services, ILogger<SlaObservationBehavior<TRequest, TResponse>>? logger = null)
    {
        this.services = services ?? throw new ArgumentNullException(nameof(services));
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!IsIncidentCommand || request is not IncidentCommand { Context: { } context } command || !IsObserved())
        {
            return await next().ConfigureAwait(false);
        }

        var incidents = services.GetRequiredService<IIncidentRepository>();
        var before = await incidents.GetAsync(context.Tenant, command.Incident, cancellationToken).ConfigureAwait(false);
        var beforeAt = before is null ? default : LastChange(before.Record);
        var beforeResponse = before?.Record.ResponseClock;
        var beforeResolution = before?.Record.ResolutionClock;

        var response = await next().ConfigureAwait(false);
        if (before is null || !RequestOutcome.IsSuccess(RequestOutcome.Of(response).Status))
        {
            return response;
        }

        try
        {
            var after = await incidents.GetAsync(context.Tenant, command.Incident, cancellationToken).ConfigureAwait(false);
            if (after is null || after.Version != before.Version + 1 || after.Record.Sla is not { } sla)
            {
                return response;
            }

            var calendar = await services.GetRequiredService<IBusinessCalendarSource>().GetAsync(context.Tenant, sla.Calendar, cancellationToken).ConfigureAwait(false);
            if (!calendar.IsSuccess)
            {
                return response;
            }

            var afterAt = LastChange(after.Record);
            var crossings = services.GetRequiredService<SlaCrossings>();
            crossings.AddRange(SlaCrossings.Between(beforeResponse, beforeAt, after.Record.ResponseClock, afterAt, calendar.Value, after.Record.Priority));
            crossings.AddRange(SlaCrossings.Between(beforeResolution, beforeAt, after.Record.ResolutionClock, afterAt, calendar.Value, after.Record.Priority));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            TelemetryLog.SlaObservationFailed(logger, exception, command.Incident, context.Tenant.Value, context.Correlation);
        }

        return response;
    }

    private static bool IsObserved() =>
        ItsmTelemetry.SlaWarnings.Enabled || ItsmTelemetry.SlaBreaches.Enabled
        || Activity.Current is { IsAllDataRequested: true } activity && ReferenceEquals(activity.Source, ItsmTelemetry.ActivitySource);

    /// <summary>The instant of the incident's last accepted command: every transition appends to its history.</summary>
    private static Instant LastChange(Incident incident) => incident.History.IsEmpty ? incident.OpenedAt : incident.History[^1].At;
}
