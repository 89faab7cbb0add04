using FsCheck.Xunit;
using Itsm.Core.Capacity;
using NodaTime;
using static Itsm.Core.Tests.Configuration.CmdbFixtures;

namespace Itsm.Core.Tests.Capacity;

/// <summary>Metric names, thresholds and readings: valid by construction, refused with their codes.</summary>
public sealed class CapacityThresholdTests
{
    [Theory]
    [InlineData("storage_used_pct")]
    [InlineData("cpu.utilisation")]
    [InlineData("if-0.rx")]
    [InlineData("a")]
    public void Parse_MetricNames_Accepted(string text) => Assert.Equal(text, CapacityMetric.Parse(text).Value.Name);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Storage")]
    [InlineData("1st")]
    [InlineData("used pct")]
    [InlineData("used%")]
    [InlineData("_x")]
    public void Parse_NotAMetricName_InvalidWithItsCode(string? text)
    {
        Assert.Equal(CapacityMetric.InvalidCode, CapacityMetric.Parse(text, "metric").ErrorCode);
        Assert.ThrowsAny<ArgumentException>(() => CapacityMetric.From(text!));
    }

    [Property]
    public bool Parse_AcceptsExactlyTheDocumentedAlphabet(string? text)
    {
        var valid = !string.IsNullOrEmpty(text) && text.Length <= CapacityMetric.MaxLength && text[0] is >= 'a' and <= 'z'
            && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or '-');
        return CapacityMetric.Parse(text).IsSuccess == valid;
    }

    [Fact]
    public void Create_Thresholds_ValidOrRefusedWithTheirCodes()
    {
        var metric = CapacityMetric.From("storage_used_pct");

        Assert.Equal("san-01 storage_used_pct: warning 80, critical 90", CapacityThreshold.Create(Id("san-01"), metric, 80, 90).Value.ToString());
        Assert.True(CapacityThreshold.Create(Id("san-01"), metric, 90, 90).IsSuccess);
        Assert.Equal(CapacityThreshold.OrderCode, CapacityThreshold.Create(Id("san-01"), metric, 95, 90).ErrorCode);
        Assert.Equal("capacity.threshold.invalid", CapacityThreshold.Create(Id("san-01"), metric, double.NaN, 90).ErrorCode);
        Assert.Equal("capacity.threshold.invalid", CapacityThreshold.Create(Id("san-01"), metric, 80, double.PositiveInfinity).ErrorCode);
        Assert.Equal(CapacityReading.IdentifierCode, CapacityThreshold.Create(Id("san-01"), default, 80, 90).ErrorCode);
    }

    [Fact]
    public void Check_Readings_RefusesUnassignedAndNotFinite()
    {
        var at = Instant.FromUtc(2026, 3, 1, 0, 0);
        var metric = CapacityMetric.From("used_pct");

        Assert.Null(new CapacityReading(Id("san"), metric, at, 1).Check("r"));
        Assert.Equal(CapacityReading.IdentifierCode, new CapacityReading(Id("san"), default, at, 1).Check("r")!.ErrorCode);
        Assert.Equal("capacity.value.invalid", new CapacityReading(Id("san"), metric, at, double.NaN).Check("r")!.ErrorCode);
        Assert.Equal(new Measurement(at, 1), new CapacityReading(Id("san"), metric, at, 1).Measurement);
    }
}
