using Itsm.Core.Incidents;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using static Itsm.Core.Tests.ServiceLevels.AgreementClockFixture;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>
/// Clocks under the agreement version in force, with due instants worked out by hand on London office hours (09:00-17:00 on
/// weekdays, GMT in early March 2026): an incident opened Monday 2 March 09:00 under version 1 (gold, 24 business hours to
/// resolve) and version 2 (platinum, 20 hours) in force from Wednesday 4 March 00:00.
/// </summary>
public sealed class ServiceLevelTargetResolverTests
{
    private static readonly ServiceOffering Gold = new("gold", Everywhere(Duration.FromHours(4), Duration.FromHours(24)), null);
    private static readonly ServiceOffering Platinum = new("platinum", Everywhere(Duration.FromHours(1), Duration.FromHours(20)), null);
    private static readonly CatalogueService EmailService = Catalogued(Gold, Platinum);
    private static readonly Instant Drafted = Instant.FromUtc(2026, 2, 27, 12, 0);
    private static readonly Instant TuesdayTen = Instant.FromUtc(2026, 3, 3, 10, 0);
    private static readonly Instant WednesdayMidnight = Instant.FromUtc(2026, 3, 4, 0, 0);
    private static readonly Instant WednesdayTen = Instant.FromUtc(2026, 3, 4, 10, 0);

    private static ServiceLevelAgreement VersionOneGold(AgreementRetargetPolicy policy) => Signed(policy, new LocalDate(2026, 3, 1), "gold", Drafted);

    private static Instant? ResolutionDue(Incident incident, Instant at) => incident.SlaStatus(OfficeHours, at).Resolution!.Due;

    [Fact]
    public void Open_WithoutAnAgreement_TakesTheDefinitionsTargets_AndNamesTheDefinition()
    {
        var incident = OpenUnder(null, Monday0900);

        Assert.Equal(Sla.Targets[incident.Priority.Rank].Resolution, incident.ResolutionClock!.Evaluate(Monday0900, OfficeHours).Target);
        Assert.Null(incident.AgreementVersionAt(Monday0900));
        Assert.Equal("SLA definition 'email-gold'", incident.Sla!.SourceAt(Monday0900, Monday0900));
    }

    [Fact]
    public void Open_UnderAnAgreement_TakesTheVersionInForce_AndSaysWhichVersion()
    {
        var agreement = VersionOneGold(AgreementRetargetPolicy.KeepStartingVersion);
        var incident = OpenUnder(Resolve(agreement, EmailService, Monday0900), Monday0900);

        // Mon 09-17, Tue 09-17, Wed 09-17: 24 business hours.
        Assert.Equal(Instant.FromUtc(2026, 3, 4, 17, 0), ResolutionDue(incident, Monday0900));
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 13, 0), incident.SlaStatus(OfficeHours, Monday0900).Response!.Due);
        Assert.Equal((1, "gold"), (incident.AgreementVersionAt(Monday0900)!.Version, incident.AgreementVersionAt(Monday0900)!.Offering));
        Assert.Contains($"agreement {agreement.Id} version 1 (gold), keep-starting-version", incident.Sla!.SourceAt(Monday0900, Monday0900), StringComparison.Ordinal);
    }

    [Fact]
    public void FollowAgreement_KeepStartingVersion_KeepsVersionOnesDueAcrossTheChange()
    {
        var agreement = VersionOneGold(AgreementRetargetPolicy.KeepStartingVersion);
        var incident = OpenUnder(Resolve(agreement, EmailService, Monday0900), Monday0900);
        AddVersion(agreement, new LocalDate(2026, 3, 4), "platinum", TuesdayTen);

        Assert.True(incident.FollowAgreement(Resolve(agreement, EmailService, incident.OpenedAt), WednesdayTen).IsSuccess);

        Assert.Equal(Instant.FromUtc(2026, 3, 4, 17, 0), ResolutionDue(incident, WednesdayTen));
        Assert.Equal(1, incident.AgreementVersionAt(WednesdayTen)!.Version);
        Assert.DoesNotContain(incident.ResolutionClock!.Events, e => e is SlaClockRetargeted);
    }

    [Fact]
    public void FollowAgreement_Retarget_TakesVersionTwosTargetsFromItsInstant_KeepingElapsedTime()
    {
        var agreement = VersionOneGold(AgreementRetargetPolicy.Retarget);
        var incident = OpenUnder(Resolve(agreement, EmailService, Monday0900), Monday0900);
        AddVersion(agreement, new LocalDate(2026, 3, 4), "platinum", TuesdayTen);

        Assert.True(incident.FollowAgreement(Resolve(agreement, EmailService, incident.OpenedAt), WednesdayTen).IsSuccess);

        // 16 hours elapsed by Wednesday 00:00; platinum allows 20: 4 more from Wednesday 09:00.
        Assert.Equal(Instant.FromUtc(2026, 3, 4, 13, 0), ResolutionDue(incident, WednesdayTen));
        Assert.Equal((2, "platinum"), (incident.AgreementVersionAt(WednesdayTen)!.Version, incident.AgreementVersionAt(WednesdayTen)!.Offering));
        Assert.Equal(1, incident.AgreementVersionAt(TuesdayTen)!.Version);
        var retarget = Assert.Single(incident.ResolutionClock!.Events.OfType<SlaClockRetargeted>());
        Assert.Equal((WednesdayMidnight, Duration.FromHours(20), $"agreement {agreement.Id} version 2 (platinum) in force"), (retarget.At, retarget.Target, retarget.Reason));
    }

    [Fact]
    public void FollowAgreement_Retarget_VersionKnownAtOpen_IsAppliedOnlyOnceItIsInForce_AndOnlyOnce()
    {
        var agreement = VersionOneGold(AgreementRetargetPolicy.Retarget);
        AddVersion(agreement, new LocalDate(2026, 3, 4), "platinum", Drafted);
        var incident = OpenUnder(Resolve(agreement, EmailService, Monday0900), Monday0900);
        var current = Resolve(agreement, EmailService, incident.OpenedAt);

        Assert.True(incident.FollowAgreement(current, TuesdayTen).IsSuccess);
        Assert.Equal(Instant.FromUtc(2026, 3, 4, 17, 0), ResolutionDue(incident, TuesdayTen));

        Assert.True(incident.FollowAgreement(current, WednesdayTen).IsSuccess);
        Assert.True(incident.FollowAgreement(current, WednesdayTen + Duration.FromMinutes(5)).IsSuccess);
        Assert.Equal(Instant.FromUtc(2026, 3, 4, 13, 0), ResolutionDue(incident, WednesdayTen));
        Assert.Single(incident.ResolutionClock!.Events.OfType<SlaClockRetargeted>());
    }

    [Fact]
    public void FollowAgreement_Retarget_StoppedClocksAreNotRetargeted()
    {
        var agreement = VersionOneGold(AgreementRetargetPolicy.Retarget);
        var incident = OpenUnder(Resolve(agreement, EmailService, Monday0900), Monday0900);
        Assert.True(incident.Assign(Agent, Agent, Monday0900 + Duration.FromHours(1)).IsSuccess);
        AddVersion(agreement, new LocalDate(2026, 3, 4), "platinum", TuesdayTen);

        Assert.True(incident.FollowAgreement(Resolve(agreement, EmailService, incident.OpenedAt), WednesdayTen).IsSuccess);

        Assert.DoesNotContain(incident.ResponseClock!.Events, e => e is SlaClockRetargeted);
        Assert.Single(incident.ResolutionClock!.Events.OfType<SlaClockRetargeted>());
    }

    [Fact]
    public void ChangePriority_Retarget_TakesTheNewPrioritysTargetsFromTheVersionInForceThen()
    {
        var silver = new ServiceOffering("silver", Everywhere(Duration.FromHours(8), Duration.FromHours(40)), null);
        var bronze = new ServiceOffering("bronze", Everywhere(Duration.FromHours(8), Duration.FromHours(30)).SetItem(1, new SlaTargets(Duration.FromHours(2), Duration.FromHours(18))), null);
        var service = Catalogued(silver, bronze);
        var agreement = Signed(AgreementRetargetPolicy.Retarget, new LocalDate(2026, 3, 1), "silver", Drafted);
        var incident = OpenUnder(Resolve(agreement, service, Monday0900), Monday0900, impact: 3, urgency: 3);
        AddVersion(agreement, new LocalDate(2026, 3, 4), "bronze", TuesdayTen);
        Assert.True(incident.FollowAgreement(Resolve(agreement, service, incident.OpenedAt), WednesdayTen).IsSuccess);

        Assert.True(incident.ChangePriority(Decision(1, 1), "board meeting at noon", Agent, WednesdayTen).IsSuccess);

        Assert.Equal(1, incident.Priority.Rank);
        Assert.Equal(Duration.FromHours(18), incident.ResolutionClock!.Evaluate(WednesdayTen, OfficeHours).Target);
    }

    [Fact]
    public void FollowAgreement_AnotherAgreementOrNone_ChangesNothing()
    {
        var agreement = VersionOneGold(AgreementRetargetPolicy.Retarget);
        var other = VersionOneGold(AgreementRetargetPolicy.Retarget);
        AddVersion(other, new LocalDate(2026, 3, 4), "platinum", Drafted);
        var incident = OpenUnder(Resolve(agreement, EmailService, Monday0900), Monday0900);

        Assert.True(incident.FollowAgreement(Resolve(other, EmailService, incident.OpenedAt), WednesdayTen).IsSuccess);
        Assert.True(incident.FollowAgreement(null, WednesdayTen).IsSuccess);

        Assert.Equal(Instant.FromUtc(2026, 3, 4, 17, 0), ResolutionDue(incident, WednesdayTen));
        Assert.Equal(agreement.Id, incident.Sla!.Agreement!.Agreement);
    }

    [Fact]
    public void Resolve_IgnoresOtherCustomers_UncataloguedOfferings_AndVersionsNotInForce_AndPrefersTheSmallestId()
    {
        var first = VersionOneGold(AgreementRetargetPolicy.KeepStartingVersion);
        var second = VersionOneGold(AgreementRetargetPolicy.KeepStartingVersion);
        var unknownOffering = Signed(AgreementRetargetPolicy.KeepStartingVersion, new LocalDate(2026, 3, 1), "diamond", Drafted);
        var later = Signed(AgreementRetargetPolicy.KeepStartingVersion, new LocalDate(2026, 6, 1), "gold", Drafted);
        var smallest = first.Id.CompareTo(second.Id) < 0 ? first : second;

        Assert.Equal(smallest.Id, ServiceLevelTargetResolver.Resolve([later, unknownOffering, second, first], EmailService, Email, Acme, Monday0900)!.Agreement);
        Assert.Equal(smallest.Id, ServiceLevelTargetResolver.Resolve([first, second], EmailService, Email, null, Monday0900)!.Agreement);
        Assert.Null(ServiceLevelTargetResolver.Resolve([first], EmailService, Email, CustomerId.From("globex"), Monday0900));
        Assert.Null(ServiceLevelTargetResolver.Resolve([later, unknownOffering], EmailService, Email, Acme, Monday0900));
        Assert.Null(ServiceLevelTargetResolver.Resolve([first], null, Email, Acme, Monday0900));
        Assert.Null(ServiceLevelTargetResolver.Resolve([first], EmailService, ConfigurationItemId.From("svc-other"), Acme, Monday0900));
    }

    [Fact]
    public void TargetsFor_AgreementWithoutTheRank_HasNone_AndOpeningSaysSo()
    {
        var partial = new ServiceOffering("partial", Everywhere(Duration.FromHours(1), Duration.FromHours(2)).Remove(2).Remove(3), null);
        var agreement = Signed(AgreementRetargetPolicy.KeepStartingVersion, new LocalDate(2026, 3, 1), "partial", Drafted);
        var targets = Resolve(agreement, Catalogued(partial), Monday0900);
        var incident = OpenUnder(targets, Monday0900);

        Assert.Null(ServiceLevelTargetResolver.TargetsFor(targets, Sla.Targets, Monday0900, Monday0900, incident.Priority.Rank));
        Assert.Null(incident.ResolutionClock);
        Assert.Contains(incident.History, e => e is IncidentSlaNotApplied n && n.Why.Contains("version 1 (partial)", StringComparison.Ordinal));
    }
}
