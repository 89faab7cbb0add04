using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Configuration;

public sealed class ConfigurationItemTests
{
    private static readonly UserId Alice = UserId.From("alice");
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static ConfigurationItem Server(ConfigurationItemStatus status = ConfigurationItemStatus.Operational) =>
        ConfigurationItem.Register(Id("srv-1"), ConfigurationItemClass.Server, "Server 1", Alice, T0, status).Value;

    private static ImmutableSortedDictionary<string, AttributeValue> Attributes(string name, AttributeValue value) =>
        ImmutableSortedDictionary.Create<string, AttributeValue>(StringComparer.Ordinal).Add(name, value);

    [Fact]
    public void Register_RecordsOneRegistrationByTheActorAtTheInstant()
    {
        var item = Server();

        var registered = Assert.IsType<ConfigurationItemRegistered>(Assert.Single(item.History));
        Assert.Equal((Alice, T0, "Server 1"), (registered.By, registered.At, registered.Name));
    }

    [Fact]
    public void Retire_ThenUpdate_ConflictAndUnchanged()
    {
        var item = Server();
        Assert.True(item.Retire(Alice, T0 + Duration.FromMinutes(1)).IsSuccess);

        var result = item.Update(new ConfigurationItemUpdate(Name: "Other"), Alice, T0 + Duration.FromMinutes(2));

        Assert.Equal((ResultStatus.Conflict, "cmdb.item.retired"), (result.Status, result.ErrorCode));
        Assert.Equal("Server 1", item.Name);
        Assert.Equal(2, item.History.Count);
    }

    [Fact]
    public void Update_StartMaintenanceFromPlanned_ConflictNamingStatesAndNothingElseChanges()
    {
        var item = Server(ConfigurationItemStatus.Planned);

        var result = item.Update(new ConfigurationItemUpdate(Name: "Renamed", InMaintenance: true), Alice, T0);

        Assert.Equal("cmdb.item.illegal-transition", result.ErrorCode);
        Assert.Contains("Planned", result.Message);
        Assert.Contains("Operational", result.Message);
        Assert.Equal((ConfigurationItemStatus.Planned, "Server 1"), (item.Status, item.Name));
        Assert.Single(item.History);
    }

    [Fact]
    public void Update_ManyFields_AppendsExactlyOneEvent()
    {
        var item = Server();
        var update = new ConfigurationItemUpdate(
            Name: "Server one", Criticality: BusinessCriticality.High, Redundancy: RedundancyRule.AtLeast(2), SetAttributes: Attributes("ram_gb", AttributeValue.FromNumber(64)), InMaintenance: true);

        Assert.True(item.Update(update, Alice, T0 + Duration.FromHours(1)).IsSuccess);

        Assert.Equal(2, item.History.Count);
        Assert.Same(update, Assert.IsType<ConfigurationItemUpdated>(item.History[1]).Update);
        Assert.Equal(("Server one", ConfigurationItemStatus.InMaintenance, "64"), (item.Name, item.Status, item.Attributes["ram_gb"].ToString()));
    }

    [Fact]
    public void Update_BeforeTheLatestRecord_IsTimeOrderConflict()
    {
        var item = Server();

        var result = item.Update(new ConfigurationItemUpdate(Name: "Earlier"), Alice, T0 - Duration.FromSeconds(1));

        Assert.Equal((ResultStatus.Conflict, ConfigurationItem.TimeOrderCode), (result.Status, result.ErrorCode));
        Assert.Single(item.History);
    }

    [Fact]
    public void Update_Empty_IsInvalid()
    {
        var result = Server().Update(new ConfigurationItemUpdate(), Alice, T0);

        Assert.Equal((ResultStatus.Invalid, "cmdb.item.update-empty"), (result.Status, result.ErrorCode));
    }

    [Fact]
    public void ToSnapshot_FromSnapshot_RoundTripsStateAndHistory()
    {
        var item = Server();
        Assert.True(item.Update(new ConfigurationItemUpdate(SetAttributes: Attributes("ram_gb", AttributeValue.FromNumber(64)), Redundancy: RedundancyRule.AtLeast(2)), Alice, T0).IsSuccess);

        var copy = ConfigurationItem.FromSnapshot(item.ToSnapshot());

        Assert.Equal(item.ToSnapshot(), copy.ToSnapshot());
        Assert.Equal(item.History, copy.History);
        Assert.Equal("64", copy.Attributes["ram_gb"].ToString());
    }

    [Fact]
    public void Restore_WithoutHistory_SynthesizesOneRegistrationOfTheStateFound()
    {
        var stored = Server().ToSnapshot() with { History = null, Status = ConfigurationItemStatus.InMaintenance };

        var restored = ConfigurationItem.Restore(stored);

        Assert.True(restored.IsSuccess, restored.Message);
        var registered = Assert.IsType<ConfigurationItemRegistered>(Assert.Single(restored.Value.History));
        Assert.True(UnrecordedHistory.IsSynthesized(registered.By, registered.At));
        Assert.Equal(ConfigurationItemStatus.InMaintenance, registered.Status);
        Assert.True(restored.Value.Update(new ConfigurationItemUpdate(InMaintenance: false), Alice, T0).IsSuccess);
    }

    [Fact]
    public void Restore_StateTheHistoryDoesNotGive_IsHistoryErrorNamingTheItem()
    {
        var stored = Server().ToSnapshot() with { Name = "Tampered" };

        var restored = ConfigurationItem.Restore(stored);

        Assert.Equal((ResultStatus.Invalid, ConfigurationItem.HistoryCode), (restored.Status, restored.ErrorCode));
        Assert.Contains("srv-1", restored.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_ChangeAfterRetirement_IsHistoryErrorNamingTheRecord()
    {
        var item = Server();
        Assert.True(item.Retire(Alice, T0).IsSuccess);
        var stored = item.ToSnapshot();
        stored = stored with { History = stored.History!.Add(new ConfigurationItemUpdated(T0, Alice, new ConfigurationItemUpdate(Name: "Back"))) };

        var restored = ConfigurationItem.Restore(stored);

        Assert.Equal(ConfigurationItem.HistoryCode, restored.ErrorCode);
        Assert.Contains("history record 2", restored.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ConfigurationItem.FromSnapshot(stored));
    }

    [Theory]
    [InlineData("Business Service", "business-service")]
    [InlineData("virtual_machine", "virtual-machine")]
    [InlineData("mainframe-lpar", "mainframe-lpar")]
    public void ClassParse_WellKnownAndVendorNames(string text, string expected)
    {
        Assert.Equal(expected, ConfigurationItemClass.Parse(text).Value.Name);
    }

    [Fact]
    public void AttributeValueParse_InstantAndNumber_RoundTrip()
    {
        Assert.Equal("2026-11-22T14:00:00Z", AttributeValue.Parse(AttributeKind.Instant, "2026-11-22T14:00:00Z").Value.ToString());
        Assert.Equal(ResultStatus.Invalid, AttributeValue.Parse(AttributeKind.Number, "twelve").Status);
    }
}
