using Itsm.Core.Application.Common;
using Itsm.Core.Capacity;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Capacity;

/// <summary>Checks a batch of <see cref="RecordMeasurements"/>: its size, each reading, and that none is given twice.</summary>
internal sealed class RecordMeasurementsValidator : IRequestValidator<RecordMeasurements>
{
    public IEnumerable<ValidationError> Validate(RecordMeasurements request)
    {
        if (request.Readings is not { Count: > 0 and <= RecordMeasurements.MaxReadings })
        {
            yield return Failure.Field(nameof(RecordMeasurements.Readings), $"Send 1 to {RecordMeasurements.MaxReadings:N0} readings per command, not {request.Readings?.Count ?? 0}.", "capacity.readings.count");
            yield break;
        }

        var seen = new HashSet<(ConfigurationItemId, CapacityMetric, NodaTime.Instant)>();
        var reported = 0;
        for (var i = 0; i < request.Readings.Count && reported < 10; i++)
        {
            var reading = request.Readings[i];
            var wrong = reading.Check($"Readings[{i}]")
                ?? (seen.Add((reading.Item, reading.Metric, reading.At)) ? null : Failure.Field($"Readings[{i}]", $"The reading of {reading.Metric} on '{reading.Item}' at {reading.At} is given twice.", "capacity.measurement.duplicate"));
            if (wrong is not null)
            {
                reported++;
                yield return wrong;
            }
        }
    }
}
