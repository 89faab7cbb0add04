namespace Itsm.Core.ServiceLevels;

/// <summary>The state of an SLA clock at an instant.</summary>
public enum SlaClockState
{
    /// <summary>The instant is before the clock started.</summary>
    NotStarted = 0,

    /// <summary>Counting business time, within target so far.</summary>
    Running = 1,

    /// <summary>Paused, within target so far; a paused clock never breaches.</summary>
    Paused = 2,

    /// <summary>Stopped without having exceeded its target.</summary>
    Met = 3,

    /// <summary>Elapsed business time exceeded the target (the clock may still be running, paused or stopped).</summary>
    Breached = 4,
}

/// <summary>Which promise of an SLA a clock measures.</summary>
public enum SlaMetric
{
    /// <summary>Time to first response.</summary>
    Response = 0,

    /// <summary>Time to resolution.</summary>
    Resolution = 1,
}
