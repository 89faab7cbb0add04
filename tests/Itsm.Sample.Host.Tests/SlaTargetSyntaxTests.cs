using Itsm.Sample.Host.Commands;
using Itsm.Sample.Host.Io;
using NodaTime;
using Xunit;

namespace Itsm.Sample.Host.Tests;

/// <summary>The <c>--targets</c> syntax of <c>itsm sla define</c> and the host's duration and instant text.</summary>
public sealed class SlaTargetSyntaxTests
{
    [Fact]
    public void ParseTargets_HoursMinutesAndMixed_GiveBusinessDurationsByRank()
    {
        var targets = SlaCommands.ParseTargets("P1=15m/4h, p2 = 1h30m / 8h ,3=4h/16h30m");

        Assert.Equal([1, 2, 3], targets.Keys);
        Assert.Equal(Duration.FromMinutes(15), targets[1].Response);
        Assert.Equal(Duration.FromHours(4), targets[1].Resolution);
        Assert.Equal(Duration.FromMinutes(90), targets[2].Response);
        Assert.Equal(Duration.FromMinutes(990), targets[3].Resolution);
    }

    [Theory]
    [InlineData("P1=4h", "entry 1 'P1=4h' is not P<rank>=<response>/<resolution>")]
    [InlineData("P1=1h/4h,P1=2h/8h", "P1 is given twice")]
    [InlineData("P1=0h/4h", "'0h' is no time at all")]
    [InlineData("P1=1h/1d", "'1d' is not business hours and minutes")]
    [InlineData("P1=1h/4h,", "entry 2 '' is not")]
    [InlineData("P1=1.5h/4h", "'1.5h' is not business hours and minutes")]
    public void ParseTargets_Malformed_SaysWhichEntryAndWhy(string text, string expected)
    {
        var exception = Assert.Throws<InputException>(() => SlaCommands.ParseTargets(text));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("--targets: ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0h00m")]
    [InlineData(45, "0h45m")]
    [InlineData(90, "1h30m")]
    [InlineData(60 * 26, "26h00m")]
    public void FormatDuration_WritesHoursAndMinutes(int minutes, string expected) =>
        Assert.Equal(expected, InstantText.FormatDuration(Duration.FromMinutes(minutes)));

    [Fact]
    public void FormatDuration_KeepsSeconds() =>
        Assert.Equal("1h00m30s", InstantText.FormatDuration(Duration.FromSeconds(3630)));

    [Fact]
    public void ParseInstant_AcceptsZAndOffsets_AndFormatsInUtc()
    {
        Assert.Equal(Instant.FromUtc(2026, 6, 12, 15, 30), InstantText.Parse("2026-06-12T16:30:00+01:00", "--at"));
        Assert.Equal("2026-06-12T15:30:00Z", InstantText.Format(InstantText.Parse("2026-06-12T15:30Z", "--at")));
        Assert.Equal("2026-06-12T16:30:00+01:00", InstantText.FormatLocal(Instant.FromUtc(2026, 6, 12, 15, 30), DateTimeZoneProviders.Tzdb["Europe/London"]));
        var exception = Assert.Throws<InputException>(() => InstantText.Parse("2026-06-12T15:30:00", "--at"));
        Assert.Contains("'Z' or an offset", exception.Message, StringComparison.Ordinal);
    }
}
