using System.Collections.Immutable;
using System.Text.Json;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    /// <summary>The stored forms of a catalogue service and an agreement are fixed (<c>Golden/catalogue-service.json</c>, <c>Golden/agreement.json</c>): a failure means the format changed, which breaks stored data.</summary>
    [Theory]
    [InlineData("catalogue-service")]
    [InlineData("agreement")]
    public void Serialize_FixedCatalogueRecords_GiveTheGoldenText(string name)
    {
        var expected = Compact(File.ReadAllText(GoldenPath(name)));

        var actual = name == "agreement" ? SnapshotJson.Serialize(FixedAgreement().ToSnapshot()) : SnapshotJson.Serialize(FixedService().ToSnapshot());

        if (actual != expected)
        {
            var path = Path.Combine(Path.GetTempPath(), $"itsm-golden-{name}.json");
            File.WriteAllText(path, Indented(actual) + "\n");
            Assert.Fail($"The stored form of '{name}' changed; the new text is in {path}.\nExpected: {expected}\nActual:   {actual}");
        }
    }

    /// <summary>Documents in the golden format read, restore by replaying their history, and write back to the same text.</summary>
    [Fact]
    public void Deserialize_GoldenCatalogueRecords_RestoreWithTheirWholeHistory()
    {
        var service = CatalogueService.Restore(SnapshotJson.Deserialize<CatalogueServiceSnapshot>(File.ReadAllText(GoldenPath("catalogue-service"))));
        var agreement = ServiceLevelAgreement.Restore(SnapshotJson.Deserialize<AgreementSnapshot>(File.ReadAllText(GoldenPath("agreement"))));

        Assert.True(service.IsSuccess, service.Message);
        Assert.True(agreement.IsSuccess, agreement.Message);
        Assert.Equal(SnapshotJson.Serialize(FixedService().ToSnapshot()), SnapshotJson.Serialize(service.Value.ToSnapshot()));
        Assert.Equal(SnapshotJson.Serialize(FixedAgreement().ToSnapshot()), SnapshotJson.Serialize(agreement.Value.ToSnapshot()));
        Assert.Equal((ServiceStatus.Retiring, 7, "strict"), (service.Value.Status, service.Value.History.Count, service.Value.Policy.Name));
        Assert.Equal(Money.Of(1200m, "GBP"), service.Value.OfferingNamed("gold")!.Price);
        Assert.Equal([AgreementVersionStatus.Superseded, AgreementVersionStatus.Signed], agreement.Value.Versions.Select(v => v.Status));
        Assert.Equal("Europe/London", agreement.Value.Zone.Id);
    }

    [Fact]
    public void Discriminators_EveryServiceAndAgreementEventHasOne()
    {
        Discriminators_EveryConcreteEventTypeHasOneAndEachIsUnique(typeof(ServiceEvent));
        Discriminators_EveryConcreteEventTypeHasOneAndEachIsUnique(typeof(AgreementEvent));
    }

    /// <summary>Reading is strict for the catalogue's own values: a policy out of order or repeated, an unknown re-target policy or event, a zone that does not exist.</summary>
    [Theory]
    [InlineData("\"criteria\":[\"runbook\",\"security-review\"]", "\"criteria\":[\"security-review\",\"runbook\"]")]
    [InlineData("\"criteria\":[\"runbook\",\"security-review\"]", "\"criteria\":[\"runbook\",\"runbook\"]")]
    [InlineData("\"event\":\"went-live\"", "\"event\":\"went-dark\"")]
    public void Deserialize_ServiceWithAnInvalidValue_ThrowsJsonException(string valid, string corrupt)
    {
        var text = SnapshotJson.Serialize(FixedService().ToSnapshot());
        Assert.Contains(valid, text, StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<CatalogueServiceSnapshot>(text.Replace(valid, corrupt, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\"retargetPolicy\":\"keep-starting-version\"", "\"retargetPolicy\":\"sometimes\"")]
    [InlineData("\"zone\":\"Europe/London\"", "\"zone\":\"Europe/Atlantis\"")]
    [InlineData("\"event\":\"signed\"", "\"event\":\"initialled\"")]
    public void Deserialize_AgreementWithAnInvalidValue_ThrowsJsonException(string valid, string corrupt)
    {
        var text = SnapshotJson.Serialize(FixedAgreement().ToSnapshot());
        Assert.Contains(valid, text, StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => SnapshotJson.Deserialize<AgreementSnapshot>(text.Replace(valid, corrupt, StringComparison.Ordinal)));
    }

    /// <summary>A service defined, revised, given an offering, moved into transition, taken live under an agreement and retiring; fixed identifiers and instants.</summary>
    internal static CatalogueService FixedService()
    {
        var by = UserId.From("service-manager");
        var at = Monday0900;
        var policy = ServiceAcceptancePolicy.Create("strict", ["security-review", "runbook"]).Value;
        var profile = new ServiceProfile("Payroll", "Pays everyone on time.", null, [CustomerId.From("acme-hr")], CalendarId.From("office"), null);
        var gold = new ServiceOffering("gold", ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromMinutes(30), Duration.FromHours(4)))]), Money.Of(1200m, "GBP"));
        ImmutableList<ServiceEvent> history =
        [
            new ServiceDefined(at, by, profile, policy),
            new ServiceRevised(at + Duration.FromMinutes(1), by, profile with { Owner = UserId.From("olivia"), SupportHours = CalendarId.From("support") }),
            new ServiceOfferingAdded(at + Duration.FromMinutes(2), by, gold),
            new ServiceOfferingAdded(at + Duration.FromMinutes(3), by, new ServiceOffering("silver", ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromHours(1), Duration.FromHours(8)))]), null)),
            new ServiceMovedToTransition(at + Duration.FromHours(1), by),
            new ServiceWentLive(at + Duration.FromDays(1), by, AgreementId.From(Guid.Parse("0191e4a2-7c3b-7000-8000-0000000000a9")), ["runbook", "security-review"]),
            new ServiceRetired(at + Duration.FromDays(300), by, "replaced by payroll 2"),
        ];
        var restored = CatalogueService.Restore(new CatalogueServiceSnapshot(ConfigurationItemId.From("payroll"), ServiceStatus.Retiring, history));
        Assert.True(restored.IsSuccess, restored.Message);
        return restored.Value;
    }

    /// <summary>An agreement drafted, signed by both sides, reviewed, given a second version that is signed; fixed identifiers and instants, in Europe/London.</summary>
    internal static ServiceLevelAgreement FixedAgreement()
    {
        var provider = UserId.From("service-manager");
        var customer = UserId.From("acme-cio");
        var at = Monday0900;
        var payroll = ConfigurationItemId.From("payroll");
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        ImmutableList<AgreementEvent> history =
        [
            new AgreementDrafted(at, provider, CustomerId.From("acme-hr"), zone, AgreementRetargetPolicy.KeepStartingVersion, new AgreementTerms("Payroll for Acme HR", [new(payroll, "gold")], new LocalDate(2026, 3, 1), 6)),
            new AgreementSubmittedForReview(at + Duration.FromMinutes(1), provider),
            new AgreementSigned(at + Duration.FromMinutes(2), provider, AgreementParty.Provider),
            new AgreementSigned(at + Duration.FromMinutes(3), customer, AgreementParty.Customer),
            new AgreementReviewed(at + Duration.FromDays(20), provider, "targets met"),
            new AgreementVersionDrafted(at + Duration.FromDays(21), provider, new AgreementTerms("Payroll for Acme HR, silver from April", [new(payroll, "silver")], new LocalDate(2026, 4, 1), 12)),
            new AgreementSubmittedForReview(at + Duration.FromDays(21), provider),
            new AgreementSigned(at + Duration.FromDays(22), customer, AgreementParty.Customer),
            new AgreementSigned(at + Duration.FromDays(22), provider, AgreementParty.Provider),
        ];
        var restored = ServiceLevelAgreement.Restore(new AgreementSnapshot(AgreementId.From(Guid.Parse("0191e4a2-7c3b-7000-8000-0000000000a9")), CustomerId.From("acme-hr"), AgreementState.Signed, history));
        Assert.True(restored.IsSuccess, restored.Message);
        return restored.Value;
    }
}
