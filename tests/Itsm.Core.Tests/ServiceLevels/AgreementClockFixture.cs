using System.Collections.Immutable;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>
/// An agreement with Acme over the e-mail service in London, whose versions agree different offerings of the catalogued
/// service, for the tests of clocks under the version in force (office hours 09:00-17:00 on weekdays).
/// </summary>
internal static class AgreementClockFixture
{
    public static readonly CustomerId Acme = CustomerId.From("acme");
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly UserId Provider = UserId.From("provider-manager");
    private static readonly UserId CustomerSigner = UserId.From("acme-cio");

    /// <summary>Targets for every priority rank 1 to 5.</summary>
    public static ImmutableSortedDictionary<int, SlaTargets> Everywhere(Duration response, Duration resolution) =>
        ImmutableSortedDictionary.CreateRange(Enumerable.Range(1, 5).Select(r => KeyValuePair.Create(r, new SlaTargets(response, resolution))));

    /// <summary>The e-mail service with the given offerings.</summary>
    public static CatalogueService Catalogued(params ServiceOffering[] offerings)
    {
        var service = CatalogueService.Define(
            Email, new ServiceProfile("E-mail", "Mail for everyone.", Provider, [Acme], null, null), ServiceAcceptancePolicy.Standard, Provider, Instant.FromUtc(2026, 1, 1, 0, 0)).Value;
        foreach (var offering in offerings)
        {
            Assert.True(service.AddOffering(offering, Provider, Instant.FromUtc(2026, 1, 1, 0, 0)).IsSuccess);
        }

        return service;
    }

    /// <summary>An agreement whose version 1 (effective <paramref name="effective"/>, offering <paramref name="offering"/>) is signed at <paramref name="at"/>.</summary>
    public static ServiceLevelAgreement Signed(AgreementRetargetPolicy policy, LocalDate effective, string offering, Instant at)
    {
        var drafted = ServiceLevelAgreement.Draft(AgreementId.New(), Acme, London, policy, Terms(effective, offering), Provider, at);
        Assert.True(drafted.IsSuccess, drafted.Message);
        SignLatest(drafted.Value, at);
        return drafted.Value;
    }

    /// <summary>Drafts and signs a new version effective <paramref name="effective"/> at <paramref name="at"/>.</summary>
    public static void AddVersion(ServiceLevelAgreement agreement, LocalDate effective, string offering, Instant at)
    {
        var drafted = agreement.DraftVersion(Terms(effective, offering), Provider, at);
        Assert.True(drafted.IsSuccess, drafted.Message);
        SignLatest(agreement, at);
    }

    /// <summary>What the resolver says of the agreement for the e-mail service of Acme at <paramref name="at"/>.</summary>
    public static AgreementTargets? Resolve(ServiceLevelAgreement agreement, CatalogueService service, Instant at) =>
        ServiceLevelTargetResolver.Resolve([agreement], service, Email, Acme, at);

    /// <summary>Opens an incident on the e-mail service for Acme at <paramref name="at"/>, under <paramref name="agreement"/>'s targets.</summary>
    public static Incident OpenUnder(AgreementTargets? agreement, Instant at, int impact = 2, int urgency = 2)
    {
        var opened = Incident.Open(IncidentId.New(), "Mail is not delivered", Caller, Email, Decision(impact, urgency), Agent, at, Sla, Acme, null, null, agreement);
        Assert.True(opened.IsSuccess, opened.Message);
        return opened.Value;
    }

    private static AgreementTerms Terms(LocalDate effective, string offering) => new($"E-mail for Acme from {effective}", [new AgreementCoverage(Email, offering)], effective, 12);

    private static void SignLatest(ServiceLevelAgreement agreement, Instant at)
    {
        Assert.True(agreement.SubmitForReview(Provider, at).IsSuccess);
        Assert.True(agreement.Sign(AgreementParty.Provider, Provider, at).IsSuccess);
        var signed = agreement.Sign(AgreementParty.Customer, CustomerSigner, at);
        Assert.True(signed.IsSuccess, signed.Message);
    }
}
