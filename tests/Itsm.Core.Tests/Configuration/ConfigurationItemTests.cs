using Itsm.Core.Common;
using Itsm.Core.Configuration;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Configuration;

public sealed class ConfigurationItemTests
{
    private static ConfigurationItem Server() =>
        ConfigurationItem.Register(Id("srv-1"), ConfigurationItemClass.Server, "Server 1").Value;

    [Fact]
    public void Retire_ThenRename_ConflictAndUnchanged()
    {
        var item = Server();
        Assert.True(item.Retire().IsSuccess);

        var result = item.Rename("Other");

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal("Server 1", item.Name);
    }

    [Fact]
    public void StartMaintenance_FromPlanned_ConflictNamingStates()
    {
        var item = ConfigurationItem.Register(Id("srv-1"), ConfigurationItemClass.Server, "S", ConfigurationItemStatus.Planned).Value;

        var result = item.StartMaintenance();

        Assert.Equal("cmdb.item.illegal-transition", result.ErrorCode);
        Assert.Contains("Planned", result.Message);
        Assert.Contains("Operational", result.Message);
        Assert.Equal(ConfigurationItemStatus.Planned, item.Status);
    }

    [Fact]
    public void ToSnapshot_FromSnapshot_RoundTrips()
    {
        var item = Server();
        Assert.True(item.SetAttribute("ram_gb", AttributeValue.FromNumber(64)).IsSuccess);
        Assert.True(item.SetRedundancy(RedundancyRule.AtLeast(2)).IsSuccess);

        var copy = ConfigurationItem.FromSnapshot(item.ToSnapshot());

        Assert.Equal(item.ToSnapshot(), copy.ToSnapshot());
        Assert.Equal("64", copy.Attributes["ram_gb"].ToString());
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
