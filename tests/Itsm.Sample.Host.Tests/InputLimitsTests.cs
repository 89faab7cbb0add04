using System.Diagnostics;
using System.Text;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// Limits instead of exhaustion (issue 14): a device or an oversized file given as any input ends in
/// one clear error naming the limit, quickly, never in memory exhaustion; and each limit can be set.
/// </summary>
public sealed class InputLimitsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-limits-").FullName;

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("/dev/zero", "calendar")]
    [InlineData("/dev/urandom", "calendar")]
    [InlineData("/dev/zero", "input")]
    [InlineData("/dev/urandom", "input")]
    [InlineData("/dev/zero", "nodes")]
    [InlineData("/dev/urandom", "edges")]
    public async Task EndlessDevice_AsAnyInputFile_IsRefusedAtTheSizeLimit_InOneLine(string device, string which)
    {
        string[] args = which switch
        {
            "calendar" => ["calendar", "due", "--calendar", device, "--input", Sample("calendar-due.csv")],
            "input" => ["calendar", "due", "--calendar", Sample("uk-office-hours.json"), "--input", device],
            "nodes" => ["cmdb", "import", "--nodes", device, "--edges", Sample("cmdb-edges.csv"), "--data-dir", Path.Combine(directory, "data")],
            _ => ["cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", device, "--data-dir", Path.Combine(directory, "data")],
        };
        var watch = Stopwatch.StartNew();

        var (code, output, error) = await HostRunner.RunAsync(args);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {device}: is larger than the input limit of {InputLimits.Default.MaxBytes} bytes", line, StringComparison.Ordinal);
        Assert.Contains(InputLimits.BytesVariable, line, StringComparison.Ordinal);
        Assert.EndsWith($"[{HostErrors.LimitCode}]", line.TrimEnd(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"Took {watch.Elapsed}.");
    }

    [Fact]
    public void ReadText_OneByteOverTheLimit_IsRefused_AndAtTheLimitIsRead()
    {
        var path = Write("a.txt", new string('x', 100));

        Assert.Equal(100, InputFile.ReadText(path, InputLimits.Default with { MaxBytes = 100 }).Length);
        var refused = Assert.Throws<InputException>(() => InputFile.ReadText(path, InputLimits.Default with { MaxBytes = 99 }));
        Assert.Equal(HostErrors.LimitCode, refused.Code);
        Assert.Contains("99 bytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_NotUtf8_IsBadInputNamingTheByte()
    {
        var path = Path.Combine(directory, "latin1.csv");
        File.WriteAllBytes(path, [(byte)'i', (byte)'d', (byte)'\n', 0xE9, (byte)'\n']);

        var refused = Assert.Throws<InputException>(() => InputFile.ReadText(path));

        Assert.Equal(HostErrors.InputCode, refused.Code);
        Assert.Contains("is not UTF-8 text (byte 4", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_DropsAByteOrderMark()
    {
        var path = Path.Combine(directory, "bom.txt");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), (byte)'o', (byte)'k']);

        Assert.Equal("ok", InputFile.ReadText(path));
    }

    [Theory]
    [InlineData(3, 3, true)]
    [InlineData(3, 4, false)]
    public void CsvRows_PastTheLimit_AreRefusedNamingTheLine(int limit, int rows, bool accepted)
    {
        var path = Write("rows.csv", "id\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"r{i}\n")));
        var limits = InputLimits.Default with { MaxRows = limit };

        if (accepted)
        {
            Assert.Equal(rows, CsvTable.Read(path, limits, "id").Rows.Count);
            return;
        }

        var refused = Assert.Throws<InputException>(() => CsvTable.Read(path, limits, "id"));
        Assert.Equal(HostErrors.LimitCode, refused.Code);
        Assert.StartsWith($"{path}:{limit + 2}:1: the file has more than the input limit of {limit} rows", refused.Message, StringComparison.Ordinal);
        Assert.Contains(InputLimits.RowsVariable, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvRows_LastRowWithoutANewline_CountsToo()
    {
        var path = Write("rows.csv", "id\nr1\nr2");

        Assert.Throws<InputException>(() => CsvTable.Read(path, InputLimits.Default with { MaxRows = 1 }, "id"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CsvField_PastTheLimit_IsRefusedNamingLineAndColumn(bool quoted)
    {
        var field = new string('y', 11);
        var path = Write("field.csv", $"id,name\n1,ok\n2,{(quoted ? $"\"{field}\"" : field)}\n");
        var limits = InputLimits.Default with { MaxFieldLength = 10 };

        var refused = Assert.Throws<InputException>(() => CsvTable.Read(path, limits, "id", "name"));

        Assert.Equal(HostErrors.LimitCode, refused.Code);
        Assert.StartsWith($"{path}:3:3: the field is longer than the input limit of 10 characters", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, CsvTable.Read(path, limits with { MaxFieldLength = 11 }, "id", "name").Rows.Count);
    }

    [Theory]
    [InlineData("\u001b[2J", 3)]
    [InlineData("a\u0000b", 4)]
    [InlineData("x\u009b", 4)]
    public void BatchCsv_AControlCharacterInAField_IsRefusedNamingLineAndColumn(string id, int column)
    {
        // calendar due|between echo each row's id into their output, straight to a terminal.
        var path = Write("control.csv", $"id,name\n1,ok\n2,{id}\n");

        var refused = Assert.Throws<InputException>(() => BatchCsv.Open(path, ["id", "name"], InputLimits.Default));

        Assert.Equal(HostErrors.InputCode, refused.Code);
        Assert.StartsWith($"{path}:3:{column}: the control character U+", refused.Message, StringComparison.Ordinal);
        _ = BatchCsv.Open(Write("tab.csv", "id,name\n1,ok\n2,a\tb\r\n"), ["id", "name"], InputLimits.Default);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CsvTable_AControlCharacterInAField_IsRefusedNamingLineAndColumn(bool quoted)
    {
        // Every other CSV input (capacity series, outages, CMDB nodes and edges) is read by CsvTable; capacity forecast echoes the metric.
        var path = Write("control-table.csv", $"id,name\n1,\"two\nlines\ttabbed\"\n2,{(quoted ? "\"\u001b[2J\"" : "\u001b[2J")}\n");

        var refused = Assert.Throws<InputException>(() => CsvTable.Read(path, InputLimits.Default, "id", "name"));

        Assert.Equal(HostErrors.InputCode, refused.Code);
        Assert.StartsWith($"{path}:4:3: the control character U+001B is not allowed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_ComeFromTheEnvironmentVariables_OrTheDefaults()
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal) { [InputLimits.BytesVariable] = "2048", [InputLimits.RowsVariable] = " 5 ", [InputLimits.FieldVariable] = "" };

        var limits = InputLimits.From(name => set.GetValueOrDefault(name));

        Assert.Equal(new InputLimits(2048, 5, InputLimits.Default.MaxFieldLength), limits);
        Assert.Equal(InputLimits.Default, InputLimits.From(_ => null));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("lots")]
    [InlineData("1e6")]
    [InlineData("99999999999999999999")]
    public void Limits_ThatAreNotAWholeNumberOfAtLeastOne_AreBadInputNamingTheVariable(string value)
    {
        var refused = Assert.Throws<InputException>(() => InputLimits.From(name => name == InputLimits.RowsVariable ? value : null));

        Assert.Equal(HostErrors.LimitCode, refused.Code);
        Assert.StartsWith($"{InputLimits.RowsVariable}: '{value}'", refused.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
