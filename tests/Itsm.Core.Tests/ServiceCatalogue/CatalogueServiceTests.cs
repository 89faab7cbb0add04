using System.Collections.Immutable;
using Itsm.Core.Configuration;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.ServiceLevels.AgreementFixtures;

namespace Itsm.Core.Tests.ServiceCatalogue;

/// <summary>A catalogue service from the pipeline to retirement, and its transition gate.</summary>
public sealed class CatalogueServiceTests
{
    private static readonly UserId Owner = UserId.From("service-owner");
    private static readonly CalendarId OfficeHours = CalendarId.From("uk-office-hours");
    private static readonly CalendarId SupportHours = CalendarId.From("uk-support-hours");
    private static readonly ServiceOffering Gold = new("gold", ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromMinutes(15), Duration.FromHours(4)))]), Money.Of(1200m, "GBP"));

    private static ServiceProfile Complete => new("Payroll", "Pays everyone on time.", Owner, [Acme], OfficeHours, SupportHours);

    private static ServiceAcceptanceEvidence Evidence(ServiceLevelAgreement? agreement, params string[] attested) =>
        new(ConfigurationItemClass.BusinessService, [ConfigurationItemId.From("payroll-app")], agreement is null ? [] : [agreement], [OfficeHours, SupportHours], attested);

    private static CatalogueService InTransition(ServiceProfile profile, ServiceAcceptancePolicy? policy = null)
    {
        var service = CatalogueService.Define(Payroll, profile, policy ?? ServiceAcceptancePolicy.Standard, Provider, T0).Value;
        Assert.True(service.MoveToTransition(Provider, T0).IsSuccess);
        return service;
    }

    [Fact]
    public void Lifecycle_FromPipelineThroughTheGateToRetired_RecordsEveryStep()
    {
        var agreement = Signed(new LocalDate(2027, 1, 4));
        var service = CatalogueService.Define(Payroll, Complete, ServiceAcceptancePolicy.Standard, Provider, T0).Value;

        Assert.True(service.AddOffering(Gold, Provider, T0).IsSuccess);
        Assert.True(service.MoveToTransition(Provider, T0 + Duration.FromHours(1)).IsSuccess);
        Assert.True(service.GoLive(Evidence(agreement), Provider, T0 + Duration.FromHours(2)).IsSuccess);
        Assert.True(service.Retire("replaced by payroll 2", Provider, T0 + Duration.FromDays(300)).IsSuccess);
        Assert.Equal(ServiceStatus.Retiring, service.Status);
        Assert.True(service.Retire("last customer moved", Provider, T0 + Duration.FromDays(400)).IsSuccess);

        Assert.Equal((ServiceStatus.Retired, (AgreementId?)agreement.Id), (service.Status, service.LiveUnder));
        Assert.Equal(
            [typeof(ServiceDefined), typeof(ServiceOfferingAdded), typeof(ServiceMovedToTransition), typeof(ServiceWentLive), typeof(ServiceRetired), typeof(ServiceRetired)],
            service.History.Select(e => e.GetType()));
        Assert.Empty(service.NextStates);
        Assert.Equal(ServiceCatalogueErrors.IllegalTransition, service.AddOffering(Gold with { Name = "silver" }, Provider, T0 + Duration.FromDays(401)).ErrorCode);
    }

    /// <summary>The acceptance criterion of the issue: a refusal lists every unmet criterion at once, each explained, and changes nothing.</summary>
    [Fact]
    public void GoLive_WithNothingInPlace_IsRefusedListingEveryUnmetCriterion()
    {
        var policy = ServiceAcceptancePolicy.Create("strict", ["security-review", "runbook"]).Value;
        var service = InTransition(new ServiceProfile("Payroll", string.Empty, null, [], null, SupportHours), policy);
        var nothing = new ServiceAcceptanceEvidence(null, [], [], [], ["runbook"]);

        var verdict = service.CheckAcceptance(nothing, T0);
        var refused = service.GoLive(nothing, Provider, T0);

        Assert.Equal(
            [
                (ServiceAcceptanceCriterion.Owner, null),
                (ServiceAcceptanceCriterion.ServiceHours, null),
                (ServiceAcceptanceCriterion.SupportHours, null),
                (ServiceAcceptanceCriterion.RecordedInCmdb, null),
                (ServiceAcceptanceCriterion.RelatedInCmdb, null),
                (ServiceAcceptanceCriterion.AgreementInForce, null),
                (ServiceAcceptanceCriterion.VendorCriterion, (string?)"security-review"),
            ],
            verdict.Unmet.Select(u => (u.Criterion, u.Name)));
        Assert.Contains("uk-support-hours", verdict.Unmet[2].Explanation, StringComparison.Ordinal);
        Assert.Equal((ResultStatus.Conflict, ServiceCatalogueErrors.AcceptanceRefused), (refused.Status, refused.ErrorCode));
        Assert.All(verdict.Unmet, u => Assert.Contains(u.Explanation, refused.Errors.Single(), StringComparison.Ordinal));
        Assert.Equal((ServiceStatus.InTransition, 2), (service.Status, service.History.Count));
    }

    [Fact]
    public void GoLive_NeedsTheAgreementInForceAtThatInstant_CoveringThisService()
    {
        var service = InTransition(Complete);
        var future = Signed(new LocalDate(2027, 2, 1));
        var other = ServiceLevelAgreement.Draft(AgreementId.New(), Acme, London, AgreementRetargetPolicy.KeepStartingVersion, Terms(new LocalDate(2027, 1, 1), services: ConfigurationItemId.From("email")), Provider, T0).Value;
        SignLatest(other, T0);
        var unsigned = Drafted(new LocalDate(2027, 1, 1));

        var before = service.CheckAcceptance(new ServiceAcceptanceEvidence(ConfigurationItemClass.BusinessService, [Payroll, ConfigurationItemId.From("payroll-app")], [future, other, unsigned], [OfficeHours, SupportHours], []), T0);
        var after = service.CheckAcceptance(Evidence(future), Instant.FromUtc(2027, 2, 1, 0, 0));

        Assert.Equal([ServiceAcceptanceCriterion.AgreementInForce], before.Unmet.Select(u => u.Criterion));
        Assert.True(after.IsMet);
        Assert.Equal(future.Id, after.Agreement);
    }

    [Fact]
    public void GoLive_ACmdbItemOfAnotherClass_OrRelatedOnlyToItself_IsUnmet()
    {
        var service = InTransition(Complete);

        var verdict = service.CheckAcceptance(new ServiceAcceptanceEvidence(ConfigurationItemClass.Application, [Payroll], [Signed(new LocalDate(2027, 1, 1))], [OfficeHours, SupportHours], []), T0);

        Assert.Equal([ServiceAcceptanceCriterion.RecordedInCmdb, ServiceAcceptanceCriterion.RelatedInCmdb], verdict.Unmet.Select(u => u.Criterion));
    }

    [Fact]
    public void AddOffering_Invalid_OrASecondWithTheSameName_IsRefusedAndChangesNothing()
    {
        var service = CatalogueService.Define(Payroll, Complete, ServiceAcceptancePolicy.Standard, Provider, T0).Value;
        Assert.True(service.AddOffering(Gold, Provider, T0).IsSuccess);

        var again = service.AddOffering(Gold with { Price = null }, Provider, T0);
        var noTargets = service.AddOffering(new ServiceOffering("silver", ImmutableSortedDictionary<int, SlaTargets>.Empty, null), Provider, T0);
        var backwards = service.AddOffering(Gold with { Name = "bronze", Targets = Gold.Targets.SetItem(2, new SlaTargets(Duration.FromHours(5), Duration.FromHours(1))) }, Provider, T0);
        var negative = service.AddOffering(Gold with { Name = "free", Price = Money.Of(-1m, "GBP") }, Provider, T0);

        Assert.Equal((ResultStatus.Conflict, ServiceCatalogueErrors.OfferingExists), (again.Status, again.ErrorCode));
        Assert.All([noTargets, backwards, negative], r => Assert.Equal((ResultStatus.Invalid, ServiceCatalogueErrors.Offering), (r.Status, r.ErrorCode)));
        Assert.Equal(["gold"], service.Offerings.Select(o => o.Name));
    }

    [Fact]
    public void Define_WithBadParts_IsInvalidNamingEach_AndTransitionsKeepTimeOrder()
    {
        var bad = CatalogueService.Define(default, Complete with { Name = " ", Description = "a\u0001b" }, ServiceAcceptancePolicy.Standard, Provider, T0);
        var service = CatalogueService.Define(Payroll, Complete, ServiceAcceptancePolicy.Standard, Provider, T0).Value;

        Assert.Equal([ServiceCatalogueErrors.Identifier, ServiceCatalogueErrors.Name, ServiceCatalogueErrors.Description], bad.ValidationErrors.Select(e => e.ErrorCode));
        Assert.Equal(ServiceCatalogueErrors.TimeOrder, service.MoveToTransition(Provider, T0 - Duration.FromSeconds(1)).ErrorCode);
        Assert.Equal(ServiceCatalogueErrors.IllegalTransition, service.GoLive(Evidence(null), Provider, T0).ErrorCode);
        Assert.Equal(ServiceCatalogueErrors.Reason, service.Retire("  ", Provider, T0).ErrorCode);
        Assert.Equal(ServiceCatalogueErrors.Policy, ServiceAcceptancePolicy.Create("strict", ["runbook", "runbook"]).ErrorCode);
    }

    [Fact]
    public void Revise_ChangesTheProfile_AndRestoreReplaysIt()
    {
        var service = CatalogueService.Define(Payroll, Complete with { Owner = null }, ServiceAcceptancePolicy.Standard, Provider, T0).Value;
        Assert.True(service.Revise(Complete with { Customers = [CustomerId.From("globex"), Acme, Acme] }, Provider, T0 + Duration.FromMinutes(1)).IsSuccess);

        var restored = CatalogueService.Restore(service.ToSnapshot());
        var wrongStatus = CatalogueService.Restore(service.ToSnapshot() with { Status = ServiceStatus.Live });
        var goneLiveFromPipeline = CatalogueService.Restore(service.ToSnapshot() with
        {
            History = service.History.Add(new ServiceWentLive(T0 + Duration.FromMinutes(2), Provider, AgreementId.New(), [])),
        });

        Assert.Equal([Acme, CustomerId.From("globex")], service.Profile.Customers.ToArray());
        Assert.True(restored.IsSuccess, restored.Message);
        Assert.Equal(Owner, restored.Value.Profile.Owner);
        Assert.Equal(ServiceCatalogueErrors.History, wrongStatus.ValidationErrors.Single().ErrorCode);
        Assert.Contains("history record 2", goneLiveFromPipeline.ValidationErrors.Single().ErrorMessage, StringComparison.Ordinal);
    }
}
