using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Calendars;

/// <summary>Something that happened to a business calendar: its history, one record per accepted change, each holding the definition it set.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="Definition">The calendar's definition from then on (a snapshot without history).</param>
public abstract record CalendarEvent(Instant At, UserId By, BusinessCalendarSnapshot Definition);

/// <summary>The calendar was defined as <paramref name="Definition"/>.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who defined it.</param>
/// <param name="Definition">Its first definition.</param>
public sealed record CalendarDefined(Instant At, UserId By, BusinessCalendarSnapshot Definition) : CalendarEvent(At, By, Definition);

/// <summary>The calendar was redefined as <paramref name="Definition"/>.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who redefined it.</param>
/// <param name="Definition">Its new definition.</param>
public sealed record CalendarRedefined(Instant At, UserId By, BusinessCalendarSnapshot Definition) : CalendarEvent(At, By, Definition);
