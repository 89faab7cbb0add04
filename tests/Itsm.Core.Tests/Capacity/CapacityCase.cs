using Itsm.Core.Capacity;
using NodaTime;

namespace Itsm.Core.Tests.Capacity;

/// <summary>A series, a threshold, a time shift and a smaller threshold's distance below it.</summary>
public sealed record CapacityCase(Measurement[] Series, int Threshold, Duration Shift, int Lower)
{
    public override string ToString() =>
        $"threshold {Threshold}, shift {Shift}, lower by {Lower}; series [{string.Join(", ", Series.Select(m => $"{m.At}={m.Value:0.###}"))}]";
}

/// <summary>A constant or strictly falling series and a threshold.</summary>
public sealed record FlatOrFallingSeries(Measurement[] Series, int Threshold)
{
    public override string ToString() => $"threshold {Threshold}; series [{string.Join(", ", Series.Select(m => $"{m.At}={m.Value:0.###}"))}]";
}
