using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>Agreements at fixed instants in Europe/London, for the agreement and catalogue tests.</summary>
internal static class AgreementFixtures
{
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    public static readonly Instant T0 = Instant.FromUtc(2027, 1, 4, 9, 0);
    public static readonly UserId Provider = UserId.From("provider-manager");
    public static readonly UserId CustomerSigner = UserId.From("acme-cio");
    public static readonly CustomerId Acme = CustomerId.From("acme");
    public static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("payroll");

    public static AgreementTerms Terms(LocalDate effective, string offering = "gold", int reviewMonths = 6, params ConfigurationItemId[] services) =>
        new($"Payroll for Acme from {effective}", [.. (services.Length == 0 ? [Payroll] : services).Select(s => new AgreementCoverage(s, offering))], effective, reviewMonths);

    public static ServiceLevelAgreement Drafted(LocalDate effective, AgreementRetargetPolicy? policy = null, Instant? at = null)
    {
        var drafted = ServiceLevelAgreement.Draft(AgreementId.New(), Acme, London, policy ?? AgreementRetargetPolicy.KeepStartingVersion, Terms(effective), Provider, at ?? T0);
        Assert.True(drafted.IsSuccess, drafted.Message);
        return drafted.Value;
    }

    /// <summary>Submits and signs the latest version for both sides at <paramref name="at"/>.</summary>
    public static void SignLatest(ServiceLevelAgreement agreement, Instant at)
    {
        Assert.True(agreement.SubmitForReview(Provider, at).IsSuccess);
        Assert.True(agreement.Sign(AgreementParty.Provider, Provider, at).IsSuccess);
        var signed = agreement.Sign(AgreementParty.Customer, CustomerSigner, at);
        Assert.True(signed.IsSuccess, signed.Message);
    }

    public static ServiceLevelAgreement Signed(LocalDate effective, Instant? at = null)
    {
        var agreement = Drafted(effective, at: at);
        SignLatest(agreement, at ?? T0);
        return agreement;
    }
}
