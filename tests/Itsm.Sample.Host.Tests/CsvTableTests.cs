using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Tests;

public sealed class CsvTableTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-csv-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Read_ParsesQuotedFieldsAndLineNumbers()
    {
        var path = Write("id,name\n1,\"Core, switch\"\n\n2,\"say \"\"hi\"\"\"\n");

        var table = CsvTable.Read(path, "id", "name");

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("Core, switch", table.Rows[0]["name"]);
        Assert.Equal("say \"hi\"", table.Rows[1]["name"]);
        Assert.Equal(4, table.Rows[1].Line);
    }

    [Fact]
    public void Read_MissingColumn_NamesFileAndExpectedHeader()
    {
        var path = Write("id,nom\n1,x\n");

        var exception = Assert.Throws<InputException>(() => CsvTable.Read(path, "id", "name"));

        Assert.Contains($"{path}:1:1", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'name'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongFieldCount_NamesTheLine()
    {
        var path = Write("id,name\n1,a\n2,b,c\n");

        var exception = Assert.Throws<InputException>(() => CsvTable.Read(path, "id", "name"));

        Assert.StartsWith($"{path}:3:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowError_PointsAtTheColumn()
    {
        var path = Write("id,start\nA,yesterday\n");
        var row = CsvTable.Read(path, "id", "start").Rows[0];

        var exception = row.Error("start", "not an ISO-8601 instant");

        Assert.Equal($"{path}:2:3: start: not an ISO-8601 instant", exception.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_Fails()
    {
        var path = Write("id,name\n1,\"open\n");

        Assert.Throws<InputException>(() => CsvTable.Read(path, "id", "name"));
    }

    [Fact]
    public void AtomicOutput_FailureLeavesNoFile()
    {
        var target = Path.Combine(directory, "out.csv");

        Assert.Throws<InvalidOperationException>(() => AtomicOutput.Write(target, TextWriter.Null, writer =>
        {
            writer.WriteLine("id,due");
            throw new InvalidOperationException("row 2 is bad");
        }));

        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void AtomicOutput_WritesWholeFile()
    {
        var target = Path.Combine(directory, "out.csv");

        AtomicOutput.Write(target, TextWriter.Null, writer => writer.WriteLine("id,due"));

        Assert.Equal("id,due\n", File.ReadAllText(target));
    }

    private string Write(string content)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
