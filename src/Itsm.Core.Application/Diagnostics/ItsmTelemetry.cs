using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Itsm.Core.Application.Diagnostics;

/// <summary>
/// The names under which Itsm.Core reports traces and metrics, so a host can subscribe without
/// hard-coding strings: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="SourceName"/>, versioned with the library's informational version.
/// </summary>
/// <remarks>
/// <para>
/// Every command and query sent through the pipeline starts one activity of kind
/// <see cref="ActivityKind.Internal"/> named <c>itsm.command &lt;Request&gt;</c> or
/// <c>itsm.query &lt;Request&gt;</c> (for example <c>itsm.command OpenIncident</c>), tagged with
/// <see cref="Tags"/>, and adds to the counters and the duration histogram of <see cref="Instruments"/>.
/// Expected failures (Invalid, NotFound, Conflict, Forbidden, Unauthorized) leave the activity's
/// status unset and say what happened in <see cref="Tags.Outcome"/>; faults (an exception escaping
/// the handler, or an Error, CriticalError or Unavailable result) set it to
/// <see cref="ActivityStatusCode.Error"/>, and an exception is recorded as an <c>exception</c> event.
/// </para>
/// <para>
/// The library depends on no exporter: a host wires these names to OpenTelemetry (or any
/// <see cref="ActivityListener"/> and <see cref="MeterListener"/>). Nothing is recorded, and next
/// to nothing is spent, while nobody listens. The tenant and correlation id are on activities and
/// logs only, never on metrics, to keep metric cardinality bounded; the acting user is recorded in
/// the audit log, not in telemetry. These names are part of the public contract and change only
/// in a major version. Thread-safe: constants and immutable values only.
/// </para>
/// </remarks>
public static class ItsmTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>Itsm.Core</c>.</summary>
    public const string SourceName = "Itsm.Core";

    /// <summary>The version the activity source and the meter report: the library's informational version.</summary>
    public static string Version { get; } =
        typeof(ItsmTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ItsmTelemetry).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>The activity source behind every request's activity.</summary>
    internal static ActivitySource ActivitySource { get; } = new(SourceName, Version);

    /// <summary>The meter behind every instrument.</summary>
    internal static Meter Meter { get; } = new(SourceName, Version);

    /// <summary>Counts commands by request, outcome and error code.</summary>
    internal static Counter<long> Commands { get; } =
        Meter.CreateCounter<long>(Instruments.Commands, "{command}", "Commands handled, by request, outcome and error code.");

    /// <summary>Counts queries by request, outcome and error code.</summary>
    internal static Counter<long> Queries { get; } =
        Meter.CreateCounter<long>(Instruments.Queries, "{query}", "Queries handled, by request, outcome and error code.");

    /// <summary>The duration of each request, in seconds.</summary>
    internal static Histogram<double> RequestDuration { get; } =
        Meter.CreateHistogram(
            Instruments.RequestDuration,
            "s",
            "Time from entering the pipeline to the result: validation, handler, saving and audit.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10] });

    /// <summary>Counts SLA warning thresholds newly crossed, as observed by accepted incident commands.</summary>
    internal static Counter<long> SlaWarnings { get; } =
        Meter.CreateCounter<long>(Instruments.SlaWarnings, "{warning}", "SLA warning thresholds first seen crossed by an accepted incident command.");

    /// <summary>Counts SLA clocks newly breached, as observed by accepted incident commands.</summary>
    internal static Counter<long> SlaBreaches { get; } =
        Meter.CreateCounter<long>(Instruments.SlaBreaches, "{breach}", "SLA clocks first seen breached by an accepted incident command.");

    /// <summary>The names of the instruments on the <see cref="SourceName"/> meter.</summary>
    public static class Instruments
    {
        /// <summary>
        /// Counter (<c>{command}</c>): one per command, whatever its outcome. Tags
        /// <see cref="Tags.Request"/>, <see cref="Tags.Outcome"/> and, when the result has one,
        /// <see cref="Tags.ErrorCode"/>.
        /// </summary>
        public const string Commands = "itsm.commands";

        /// <summary>Counter (<c>{query}</c>): one per query; the same tags as <see cref="Commands"/>.</summary>
        public const string Queries = "itsm.queries";

        /// <summary>
        /// Histogram of seconds (<c>s</c>, a double): the time a request spends in the pipeline,
        /// validation and saving included. Tags <see cref="Tags.Request"/>,
        /// <see cref="Tags.RequestKind"/> and <see cref="Tags.Outcome"/>.
        /// </summary>
        public const string RequestDuration = "itsm.request.duration";

        /// <summary>
        /// Counter (<c>{warning}</c>): one per SLA warning threshold that an accepted incident command
        /// first finds crossed since the incident's previous accepted command. Tags
        /// <see cref="Tags.SlaMetric"/>, <see cref="Tags.SlaThreshold"/> and <see cref="Tags.Priority"/>.
        /// </summary>
        /// <remarks>
        /// SLA time passes between commands; a crossing is counted by the first accepted command on the
        /// incident that sees it, evaluated at that command's instant, and only once. A crossing no
        /// command sees yet is not counted yet; use the <c>ForecastBreaches</c> query to act before it.
        /// A re-target that restarts a clock may cross the same threshold again, which counts again.
        /// </remarks>
        public const string SlaWarnings = "itsm.sla.warnings";

        /// <summary>
        /// Counter (<c>{breach}</c>): one per SLA clock that an accepted incident command first finds
        /// breached, counted as <see cref="SlaWarnings"/> are. Tags <see cref="Tags.SlaMetric"/> and
        /// <see cref="Tags.Priority"/>.
        /// </summary>
        public const string SlaBreaches = "itsm.sla.breaches";
    }

    /// <summary>The names of the tags on activities, activity events and measurements.</summary>
    public static class Tags
    {
        /// <summary>The request type's name, for example <c>OpenIncident</c>. On activities and every instrument.</summary>
        public const string Request = "itsm.request";

        /// <summary><c>command</c> or <c>query</c>. On activities and <see cref="Instruments.RequestDuration"/>.</summary>
        public const string RequestKind = "itsm.request.kind";

        /// <summary>The tenant of the request context. On activities only.</summary>
        public const string Tenant = "itsm.tenant";

        /// <summary>The correlation id of the request context (a GUID). On activities only.</summary>
        public const string CorrelationId = "itsm.correlation_id";

        /// <summary>
        /// The outcome: the result's status (<c>Ok</c>, <c>Invalid</c>, <c>NotFound</c>,
        /// <c>Conflict</c>, <c>Forbidden</c>, <c>Error</c>, ...) or <see cref="Outcomes.Exception"/> or
        /// <see cref="Outcomes.Cancelled"/>. On activities and the request instruments.
        /// </summary>
        public const string Outcome = "itsm.outcome";

        /// <summary>The result's stable error code, for example <c>incident.not-found</c>; absent on success.</summary>
        public const string ErrorCode = "itsm.error_code";

        /// <summary>
        /// The OpenTelemetry <c>error.type</c> of a fault: the exception's full type name, or the
        /// result's error code (or status) for a failed result. On faulted activities only.
        /// </summary>
        public const string ErrorType = "error.type";

        /// <summary><c>response</c> or <c>resolution</c>: which SLA clock. On the SLA instruments and events.</summary>
        public const string SlaMetric = "itsm.sla.metric";

        /// <summary>The warning threshold crossed, in percent of the target (an integer). On <see cref="Instruments.SlaWarnings"/> and its event.</summary>
        public const string SlaThreshold = "itsm.sla.threshold";

        /// <summary>The incident's priority after the command, for example <c>P1</c>. On the SLA instruments and events.</summary>
        public const string Priority = "itsm.incident.priority";
    }

    /// <summary>The names of the events added to a request's activity.</summary>
    public static class Events
    {
        /// <summary>An SLA warning threshold was first seen crossed; tags as <see cref="Instruments.SlaWarnings"/>.</summary>
        public const string SlaWarning = "itsm.sla.warning";

        /// <summary>An SLA clock was first seen breached; tags as <see cref="Instruments.SlaBreaches"/>.</summary>
        public const string SlaBreach = "itsm.sla.breach";
    }

    /// <summary>The values of <see cref="Tags.Outcome"/> that are not a result status.</summary>
    public static class Outcomes
    {
        /// <summary>An exception escaped the handler (a fault); the exception propagates to the caller unchanged.</summary>
        public const string Exception = "Exception";

        /// <summary>The caller's cancellation token stopped the request; not a fault.</summary>
        public const string Cancelled = "Cancelled";
    }
}
