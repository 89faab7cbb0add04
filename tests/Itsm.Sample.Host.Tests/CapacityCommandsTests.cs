using Itsm.Sample.Host;

namespace Itsm.Sample.Host.Tests;

public sealed class CapacityCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-capacity-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await HostApplication.RunAsync(["capacity", "forecast", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Forecast_SampleSeries_OneRowPerSeriesWithEveryStatus()
    {
        var (code, output, error) = await Run("--series", Sample("capacity-series.csv"), "--threshold", "90");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("item,metric,slope_per_day,crossing,crossing_earliest,crossing_latest,status", lines[0]);
        var san = lines[1].Split(',');
        Assert.Equal(["san", "storage_used_pct"], san[..2]);
        Assert.Equal("forecast", san[6]);
        Assert.True(string.CompareOrdinal(san[4], san[3]) < 0 && string.CompareOrdinal(san[3], san[5]) < 0, lines[1]);
        Assert.StartsWith("2026-0", san[3], StringComparison.Ordinal); // before summer
        Assert.True(string.CompareOrdinal(san[5], "2026-06-21") < 0, lines[1]);
        Assert.Equal("node1,cpu_pct,0.3,,,,flat", lines[2]);
        Assert.Equal("node2,cpu_pct,,,,,already-above", lines[3]);
        Assert.Equal("db,storage_used_pct,,,,,insufficient-data", lines[4]);
        Assert.Contains("capacity forecast: 4 series", error);
    }

    [Fact]
    public async Task Forecast_CrossingBeyondTheHorizon_LeftOutAndCounted()
    {
        var outputPath = Path.Combine(directory, "out.csv");

        var (code, _, error) = await Run("--series", Sample("capacity-series.csv"), "--threshold", "90", "--horizon", "30d", "--output", outputPath);

        Assert.Equal(0, code);
        Assert.DoesNotContain(File.ReadAllLines(outputPath), l => l.StartsWith("san,", StringComparison.Ordinal));
        Assert.Contains("1 crossing beyond the horizon", error);
    }

    [Theory]
    [InlineData("item,metric,at,value\nsan,used,2026-01-01T00:00:00Z,lots\n", "90", "180d", "s.csv:2:")]
    [InlineData("item,metric,at,value\nsan,used,tomorrow,5\n", "90", "180d", "is not an instant")]
    [InlineData("item,metric,value\nsan,used,5\n", "90", "180d", "no column 'at'")]
    [InlineData("item,metric,at,value\nsan,used,2026-01-01T00:00:00Z,5\n", "ninety", "180d", "--threshold")]
    [InlineData("item,metric,at,value\nsan,used,2026-01-01T00:00:00Z,5\n", "90", "6 months", "--horizon")]
    public async Task Forecast_BadInput_ExitTwoNamingTheProblem(string content, string threshold, string horizon, string expected)
    {
        var outputPath = Path.Combine(directory, "out.csv");

        var (code, _, error) = await Run("--series", Write("s.csv", content), "--threshold", threshold, "--horizon", horizon, "--output", outputPath);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.False(File.Exists(outputPath));
    }
}
