using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The batch path of <c>itsm calendar due|between</c> against the engine: whatever the file's layout, every row's
/// answer is the engine's, written as NodaTime writes it; and the byte-level parsing and formatting agree with
/// NodaTime's patterns over the whole supported range.
/// </summary>
/// <remarks>
/// Runs alone, after the parallel tests: each case runs the host in process, and beside a hundred other host tests on
/// two cores the cases waited minutes for threads (about a second for thirty cases alone, three and a half minutes among
/// the rest).
/// </remarks>
[Collection(BatchPropertiesCollection.Name)]
public sealed class CalendarBatchTests : IDisposable
{
    private static readonly Lazy<BusinessCalendar> Engine = new(() =>
        BusinessCalendar.FromDefinition(CalendarJson.TryRead(File.ReadAllText(SampleCalendar), out var definition, out _) ? definition! : throw new InvalidOperationException("the sample calendar")));

    private readonly string directory = Directory.CreateTempSubdirectory("itsm-batch-").FullName;

    private static string SampleCalendar => Path.Combine(AppContext.BaseDirectory, "samples", "uk-office-hours.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Property]
    public bool Due_AnswersEveryRowAsTheEngineDoes(BatchFile file)
    {
        var (code, output) = RunFile("due", file.Render(true));
        var expected = new StringBuilder("id,due\n");
        foreach (var row in file.Rows)
        {
            expected.Append(Itsm.Core.Reporting.ServiceReportFormat.CsvField(row.Id)).Append(',').Append(InstantPattern.ExtendedIso.Format(Engine.Value.Add(row.First, Duration.FromMinutes(row.Minutes)))).Append('\n');
        }

        return code == 0 && output == expected.ToString();
    }

    [Property]
    public bool Between_AnswersEveryRowAsTheEngineDoes(BatchFile file)
    {
        var (code, output) = RunFile("between", file.Render(false));
        var expected = new StringBuilder("id,business_seconds\n");
        foreach (var row in file.Rows)
        {
            var seconds = Engine.Value.BusinessTimeBetween(row.First, row.Second).ToInt64Nanoseconds() / 1e9m;
            expected.Append(Itsm.Core.Reporting.ServiceReportFormat.CsvField(row.Id)).Append(',').Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('\n');
        }

        return code == 0 && output == expected.ToString();
    }

    [Property(MaxTest = 2000)]
    public bool FormatIsoAndTryParse_AgreeWithNodaTime(Instant instant)
    {
        Span<byte> utf8 = stackalloc byte[InstantText.IsoLength];
        var length = InstantText.FormatIso(utf8, instant);
        var text = Encoding.UTF8.GetString(utf8[..length]);
        var expected = InstantPattern.ExtendedIso.Format(instant);
        return text == expected
            && InstantText.TryParse(utf8[..length], out var parsed) is null && parsed == instant
            && InstantText.TryParse(Encoding.UTF8.GetBytes(expected.Replace("Z", "+00:00", StringComparison.Ordinal)), out var viaOffset) is null && viaOffset == instant;
    }

    [Theory]
    [InlineData("2026-03-02T-1:00Z")]
    [InlineData("2026-03-02T09:-1Z")]
    [InlineData("2026-03-02T09:00:-1Z")]
    [InlineData("2026-02-29T09:00Z")]
    [InlineData("2026-13-01T09:00Z")]
    [InlineData("2026-03-02T09:00:00.Z")]
    [InlineData("2026-03-02T09:00:00.1234567890Z")]
    [InlineData("2150-01-01T00:00Z")]
    public void TryParse_RefusesWhatIsNoSupportedInstant(string text)
    {
        Assert.NotNull(InstantText.TryParse(Encoding.UTF8.GetBytes(text), out _));
        Assert.NotNull(InstantText.TryParse(text, out _));
    }

    [Fact]
    public async Task Due_NegativeHour_IsABadFieldNotAFault()
    {
        var input = Write("in.csv", "id,start,business_minutes\nA,2026-03-02T-1:00Z,60\n");
        var (code, stdout, stderr) = await HostRunner.RunAsync("calendar", "due", "--calendar", SampleCalendar, "--input", input);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains($"{input}:2:3: start:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_BadRowInALaterBlock_WritesNoFileAndNothingOnStdout()
    {
        var rows = new StringBuilder("id,start,business_minutes\n");
        for (var i = 0; i < BatchCsv.BlockRows + 10; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"r{i},2026-03-02T09:00:00Z,{i % 500}\n");
        }

        rows.Append("bad,2026-03-02T09:00:00Z,ten\n");
        var input = Write("in.csv", rows.ToString());
        var output = Path.Combine(directory, "out.csv");

        var toFile = await HostRunner.RunAsync("calendar", "due", "--calendar", SampleCalendar, "--input", input, "--output", output);
        var toStdout = await HostRunner.RunAsync("calendar", "due", "--calendar", SampleCalendar, "--input", input);

        Assert.Equal(2, toFile.ExitCode);
        Assert.Contains($"{input}:{BatchCsv.BlockRows + 12}:", toFile.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(directory, "out.csv*"));
        Assert.Equal(2, toStdout.ExitCode);
        Assert.Equal(string.Empty, toStdout.Output);
    }

    [Fact]
    public async Task Due_InvalidUtf8_NamesTheByte()
    {
        var input = Path.Combine(directory, "in.csv");
        File.WriteAllBytes(input, [.. "id,start,business_minutes\nA,2026-03-02T09:00Z,60\n"u8, 0xC3, 0x28, (byte)'\n']);
        var (code, _, stderr) = await HostRunner.RunAsync("calendar", "due", "--calendar", SampleCalendar, "--input", input);
        Assert.Equal(2, code);
        Assert.Contains("byte 50 cannot be decoded", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PastTheRowOrFieldLimit_IsRefusedWithTheLimitsCode()
    {
        var input = Write("in.csv", "id,start,business_minutes\nA,2026-03-02T09:00Z,60\n\nB,2026-03-02T09:00Z,60\n" + new string('x', 30) + ",2026-03-02T09:00Z,1\n");
        var block = new BatchBlock<int>();

        var rows = BatchCsv.Open(input, ["id", "start", "business_minutes"], InputLimits.Default with { MaxRows = 3 });
        var tooMany = Assert.Throws<InputException>(() => rows.Read(block, (in BatchRow _) => 0));
        var fields = BatchCsv.Open(input, ["id", "start", "business_minutes"], InputLimits.Default with { MaxFieldLength = 20 });
        var tooLong = Assert.Throws<InputException>(() => fields.Read(block, (in BatchRow _) => 0));

        Assert.Equal(HostErrors.LimitCode, tooMany.Code);
        Assert.Contains($"{input}:5:1: the file has more than the input limit of 3 rows", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(HostErrors.LimitCode, tooLong.Code);
        Assert.Contains($"{input}:5:1: the field is longer than the input limit of 20 characters", tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_LongIdAndPaddedNonAsciiFields_AreTrimmedAndWrittenBack()
    {
        var id = new string('é', 5_000);
        var input = Write("in.csv", $"id,start,business_minutes\n\u00A0{id}\u2003,\t2026-03-02T09:00Z ,  60\u3000\n");
        var (code, stdout, _) = await HostRunner.RunAsync("calendar", "due", "--calendar", SampleCalendar, "--input", input);
        Assert.Equal(0, code);
        Assert.Equal($"id,due\n{id},2026-03-02T10:00:00Z\n", stdout);
    }

    private (int Code, string Output) RunFile(string verb, string text)
    {
        var input = Path.Combine(directory, Guid.NewGuid() + ".csv");
        File.WriteAllText(input, text, new UTF8Encoding(false));
        var output = input + ".out";
        var (code, _, error) = HostRunner.RunAsync("calendar", verb, "--calendar", SampleCalendar, "--input", input, "--output", output).GetAwaiter().GetResult();
        Assert.True(code == 0, error);
        return (code, File.ReadAllText(output));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}

/// <summary>The collection of the batch properties: not run in parallel with anything else.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchPropertiesCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "batch properties";
}
