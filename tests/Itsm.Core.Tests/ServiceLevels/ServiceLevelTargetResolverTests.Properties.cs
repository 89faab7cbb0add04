using FsCheck.Xunit;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using static Itsm.Core.Tests.ServiceLevels.AgreementClockFixture;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>The re-target policies of agreements as properties, around the 2026 clock change in London.</summary>
public sealed class ServiceLevelTargetResolverPropertyTests
{
    /// <summary>
    /// Under <see cref="AgreementRetargetPolicy.KeepStartingVersion"/> the due instant depends only on the version in force at
    /// the start: it equals the due instant of a clock with that version's target alone, whatever version 2 says and whenever
    /// it comes into force.
    /// </summary>
    [Property]
    public void KeepStartingVersion_DueDependsOnlyOnTheVersionInForceAtTheStart(VersionChangeCase c)
    {
        var (incident, opened, change) = Open(c, AgreementRetargetPolicy.KeepStartingVersion);
        var startingTarget = Duration.FromMinutes(opened >= change ? c.VersionTwo : c.VersionOneMinutes);

        foreach (var at in new[] { opened, change, change + Duration.FromHours(1), change + Duration.FromDays(3) }.Where(i => i >= opened))
        {
            Assert.Equal(OfficeHours.Add(opened, startingTarget), incident.SlaStatus(OfficeHours, at).Resolution!.Due);
        }
    }

    /// <summary>
    /// Under <see cref="AgreementRetargetPolicy.Retarget"/> a clock running when version 2 comes into force is measured against
    /// version 2 from that instant, keeping the business time elapsed: due when the rest of version 2's target has elapsed after
    /// the change (at once when more than that target had elapsed already).
    /// </summary>
    [Property]
    public void Retarget_DueFollowsVersionTwoFromItsInstant_KeepingElapsed(VersionChangeCase c)
    {
        var (incident, opened, change) = Open(c, AgreementRetargetPolicy.Retarget);
        var at = (change > opened ? change : opened) + Duration.FromMinutes(1);
        var v2 = Duration.FromMinutes(c.VersionTwo);
        var elapsed = change > opened ? OfficeHours.BusinessTimeBetween(opened, change) : Duration.Zero;
        var expected = change <= opened ? OfficeHours.Add(opened, v2) : elapsed > v2 ? change : OfficeHours.Add(change, v2 - elapsed);

        Assert.Equal(expected, incident.SlaStatus(OfficeHours, at).Resolution!.Due);
        Assert.Equal(change <= at ? 2 : 1, incident.AgreementVersionAt(at)!.Version);
    }

    private static (Incident Incident, Instant Opened, Instant Change) Open(VersionChangeCase c, AgreementRetargetPolicy policy)
    {
        var opened = c.Opened.InZoneLeniently(London).ToInstant();
        var changeDate = c.Opened.Date.PlusDays(c.DaysLater);
        var service = Catalogued(
            new ServiceOffering("v1", Everywhere(Duration.FromMinutes(15), Duration.FromMinutes(c.VersionOneMinutes)), null),
            new ServiceOffering("v2", Everywhere(Duration.FromMinutes(15), Duration.FromMinutes(c.VersionTwo)), null));
        var drafted = Instant.FromUtc(2026, 3, 1, 0, 0);
        var agreement = Signed(policy, new LocalDate(2026, 3, 1), "v1", drafted);
        AddVersion(agreement, changeDate, "v2", drafted);
        var incident = OpenUnder(Resolve(agreement, service, opened), opened);
        var change = London.AtStartOfDay(changeDate).ToInstant();
        Assert.True(incident.FollowAgreement(Resolve(agreement, service, opened), change + Duration.FromDays(4)).IsSuccess);
        return (incident, opened, change);
    }
}
