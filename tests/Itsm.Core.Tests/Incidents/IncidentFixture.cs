using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Tests.Incidents;

/// <summary>Shared incidents, calendars and SLA terms for the incident tests.</summary>
internal static class IncidentFixture
{
    public static readonly UserId Agent = UserId.From("agent");
    public static readonly UserId Caller = UserId.From("caller");
    public static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");

    /// <summary>Monday 2 March 2026, 09:00 in London (GMT).</summary>
    public static readonly Instant Monday0900 = Instant.FromUtc(2026, 3, 2, 9, 0);

    /// <summary>London office hours 09:00-17:00 on weekdays.</summary>
    public static readonly BusinessCalendar OfficeHours = BusinessCalendar.Create(
        "office",
        "Europe/London",
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;

    /// <summary>P1 1h/4h, P2 2h/8h, P3 4h/16h, P4 8h/40h; P5 has no targets; OnHold pauses.</summary>
    public static readonly SlaDefinition Sla = SlaDefinition.Create(
        SlaDefinitionId.From("email-gold"),
        "Email gold",
        new SlaScope(Email),
        CalendarId.From("office"),
        new Dictionary<int, SlaTargets>
        {
            [1] = new(Duration.FromHours(1), Duration.FromHours(4)),
            [2] = new(Duration.FromHours(2), Duration.FromHours(8)),
            [3] = new(Duration.FromHours(4), Duration.FromHours(16)),
            [4] = new(Duration.FromHours(8), Duration.FromHours(40)),
        },
        new SlaClockRules { PausedBy = [SlaPause.OnHold] }).Value;

    public static PriorityDecision Decision(int impact, int urgency, IncidentFacts? facts = null) =>
        PriorityPolicy.Default.Decide(Impact.FromLevel(impact), Urgency.FromLevel(urgency), facts ?? IncidentFacts.None).Value;

    public static Incident Open(int impact = 2, int urgency = 2, Instant? at = null, SlaDefinition? sla = null) =>
        Incident.Open(IncidentId.New(), "Mail is not delivered", Caller, Email, Decision(impact, urgency), Agent, at ?? Monday0900, sla ?? Sla).Value;
}
