using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Itsm.Core.Application.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Itsm.Core.Application.Tests.Pipeline;

/// <summary>One measurement, with its tags and the activity that was current when it was recorded.</summary>
public sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? Tag(string name) => Tags.GetValueOrDefault(name);
}

/// <summary>
/// Listens to the Itsm.Core activity source and meter the way a host's OpenTelemetry would, and
/// keeps only what belongs to one tenant: tests run in parallel in one process, and every listener
/// sees every request. A measurement belongs to the tenant of the request activity current when it
/// is recorded.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly ConcurrentQueue<Activity> activities = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();
    private readonly ActivityListener activityListener;
    private readonly MeterListener meterListener;

    public TelemetryCapture(string tenant)
    {
        Tenant = tenant;
        activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ItsmTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Owns(activity))
                {
                    activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ItsmTelemetry.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        meterListener.Start();
    }

    public string Tenant { get; }

    public IReadOnlyList<Activity> Activities => [.. activities];

    public IReadOnlyList<Measurement> Measurements => [.. measurements];

    public Activity SingleActivity(string request) =>
        Assert.Single(Activities, a => (string?)a.GetTagItem(ItsmTelemetry.Tags.Request) == request);

    public IReadOnlyList<Measurement> Of(string instrument, string? request = null) =>
        Measurements.Where(m => m.Instrument == instrument && (request is null || (string?)m.Tag(ItsmTelemetry.Tags.Request) == request)).ToList();

    public void Dispose()
    {
        meterListener.Dispose();
        activityListener.Dispose();
    }

    private bool Owns(Activity? activity) => activity is not null && (string?)activity.GetTagItem(ItsmTelemetry.Tags.Tenant) == Tenant;

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Owns(Activity.Current))
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, copy));
        }
    }
}

/// <summary>One log entry, with its category type and its structured state.</summary>
public sealed record LogEntry(Type Category, LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> State);

/// <summary>Collects the log entries of one service provider.</summary>
public sealed class LogSink
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public void Add(LogEntry entry) => entries.Enqueue(entry);
}

/// <summary>A logger that records everything, at every level, into the provider's <see cref="LogSink"/>.</summary>
public sealed class CapturingLogger<T>(LogSink sink) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        sink.Add(new LogEntry(typeof(T), logLevel, eventId, formatter(state, exception), exception, values.ToDictionary(p => p.Key, p => p.Value)));
    }
}
