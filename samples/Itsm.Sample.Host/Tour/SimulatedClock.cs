using NodaTime;

namespace Itsm.Sample.Host.Tour;

/// <summary>
/// The tour's clock: starts at a fixed instant and moves only when the tour advances it, so the
/// tour can cross a weekend, bank holidays and a daylight-saving change in a few milliseconds.
/// </summary>
/// <remarks>
/// The library reads time only through the <see cref="IClock"/> it is given, so a vendor's tests
/// and simulations do exactly this. Time never goes backwards: <see cref="AdvanceTo"/> refuses an
/// earlier instant. Not thread-safe; the tour runs one request at a time.
/// </remarks>
internal sealed class SimulatedClock(Instant start) : IClock
{
    private Instant now = start;

    /// <inheritdoc />
    public Instant GetCurrentInstant() => now;

    /// <summary>Moves the clock forward to <paramref name="instant"/> (staying put is allowed).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="instant"/> is before the current instant.</exception>
    public void AdvanceTo(Instant instant)
    {
        if (instant < now)
        {
            throw new InvalidOperationException($"The simulated clock cannot go back from {now} to {instant}.");
        }

        now = instant;
    }
}
