using Itsm.Core.Calendars;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>A generated legal clock history on a calendar, with instants at which to evaluate it.</summary>
public sealed record ClockCase(BusinessCalendar Calendar, string CalendarName, SlaClockEvent[] Events, Instant[] EvaluateAt)
{
    public Instant Start => Events[0].At;

    public Duration Target => ((SlaClockStarted)Events[0]).Target;

    public SlaClock Clock => SlaClock.Replay(SlaMetric.Resolution, [50, 75, 90], Events).Value;

    public override string ToString() => $"{CalendarName}: {string.Join("; ", Events.Select(e => e.ToString()))} at [{string.Join(", ", EvaluateAt)}]";
}

/// <summary>A history without re-targets.</summary>
public sealed record ClockWithoutRetargets(ClockCase Case);

/// <summary>A history whose re-targets all keep the elapsed time (<see cref="SlaRetargetPolicy.KeepElapsed"/>).</summary>
public sealed record ClockKeepingElapsed(ClockCase Case);

/// <summary>A history whose re-targets never restart the clock (<see cref="SlaRetargetPolicy.KeepElapsed"/> or <see cref="SlaRetargetPolicy.Retroactive"/>).</summary>
public sealed record ClockNeverRestarting(ClockCase Case);

/// <summary>A history with re-targets of every policy in <see cref="SlaRetargetPolicy.All"/>.</summary>
public sealed record ClockWithAnyRetargets(ClockCase Case);

/// <summary>A history with re-targets of every policy, whose events arrive in the order <see cref="ShuffleSeed"/> shuffles them to.</summary>
public sealed record ClockArrivingShuffled(ClockCase Case, int ShuffleSeed);

/// <summary>Clocks breaching at whole minutes after a start, and a minute to ask which breach before it.</summary>
public sealed record BreachForecastCase(int[] BreachMinutes, int QueryMinute)
{
    public override string ToString() => $"breaches at [{string.Join(", ", BreachMinutes)}], query {QueryMinute}";
}
