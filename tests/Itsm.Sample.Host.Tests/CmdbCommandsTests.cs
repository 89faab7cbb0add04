using System.Text.Json;
using Itsm.Sample.Host;

namespace Itsm.Sample.Host.Tests;

public sealed class CmdbCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-cmdb-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => HostRunner.RunTablesAsync(args);

    [Fact]
    public async Task Impact_SampleQueries_CsvWithStatesAndDepthsAndTimingsOnStderr()
    {
        var (code, output, error) = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--queries", Sample("cmdb-queries.csv"));

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("query,id,state,depth", lines[0]);
        Assert.Contains("one-node,cluster,degraded,1", lines);
        Assert.Contains("two-nodes,shop,down,3", lines);
        Assert.Contains("storage,reports,down,2", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("storage,san,", StringComparison.Ordinal));
        Assert.Contains("compile", error);
        Assert.Contains("analyse", error);
    }

    [Fact]
    public async Task Impact_FailedListToOutputFile_WritesFile()
    {
        var outputPath = Path.Combine(directory, "out.csv");

        var (code, _, _) = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--failed", "node1,node2", "--output", outputPath);

        Assert.Equal(0, code);
        Assert.Contains("failed,cluster,down,1", File.ReadAllLines(outputPath));
    }

    [Fact]
    public async Task Impact_IdsWithCommaAndQuote_QuotedInTheRows()
    {
        // The command works out once, as it reads the nodes, whether any id needs quoting; these do, so each is checked.
        var nodes = Write("n.csv", "id,class,name\ndb,database,DB\n\"web,eu\",application,Web EU\n\"say \"\"x\"\"\",application,Quote\n");
        var edges = Write("e.csv", "source,target,type\n\"web,eu\",db,depends on\n\"say \"\"x\"\"\",db,depends on\n");

        var (code, output, _) = await Run("cmdb", "impact", "--nodes", nodes, "--edges", edges, "--failed", "db");

        Assert.Equal(0, code);
        Assert.Equal(["query,id,state,depth", "failed,\"say \"\"x\"\"\",down,1", "failed,\"web,eu\",down,1"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Impact_UnknownIdInQueryFile_ExitTwoWithFileAndLine()
    {
        var queries = Write("q.csv", "query,failed\nok,node1\nbad,node1;ghost\n");
        var outputPath = Path.Combine(directory, "out.csv");

        var (code, _, error) = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--queries", queries, "--output", outputPath);

        Assert.Equal(2, code);
        Assert.Contains("q.csv:3:", error);
        Assert.Contains("ghost", error);
        Assert.False(File.Exists(outputPath));
    }

    [Fact]
    public async Task Impact_EdgeToUnknownNode_ExitTwoWithFileLineAndColumn()
    {
        var edges = Write("e.csv", "source,target,type\nweb,cluster,runs on\nweb,nowhere,depends on\n");

        var (code, _, error) = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", edges, "--failed", "web");

        Assert.Equal(2, code);
        Assert.Contains("e.csv:3:5: target: unknown configuration item 'nowhere'", error);
    }

    [Fact]
    public async Task ImpactAndImport_TypoInRelationshipType_ExitTwoAtTheRowWithTheNearestName()
    {
        var edges = Write("e.csv", "source,target,type\nweb,cluster,runs on\nnode1,cluster,membr of\n");

        var (code, _, error) = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", edges, "--failed", "node1");
        Assert.Equal(2, code);
        Assert.Contains("e.csv:3:", error);
        Assert.Contains("'membr of' is not a known relationship type", error);
        Assert.Contains("Did you mean 'member of'?", error);

        (code, _, error) = await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", edges, "--data-dir", DataDir);
        Assert.Equal(2, code);
        Assert.Contains("e.csv:3:", error);
        (code, _, _) = await Run("cmdb", "show", "node1", "--data-dir", DataDir);
        Assert.NotEqual(ExitCodes.Ok, code);
    }

    [Fact]
    public async Task Impact_ContainmentCycle_ExitTwoWithPath()
    {
        var nodes = Write("n.csv", "id,class,name\na,server,A\nb,server,B\n");
        var edges = Write("e.csv", "source,target,type\na,b,hosted on\nb,a,hosted on\n");

        var (code, _, error) = await Run("cmdb", "impact", "--nodes", nodes, "--edges", edges, "--failed", "a");

        Assert.Equal(2, code);
        Assert.Contains("-[hosted on]->", error);
    }

    [Fact]
    public async Task Impact_BadMinUpAndSelfLoop_ExitTwoPointingAtTheRow()
    {
        var nodes = Write("n.csv", "id,class,name,min_up\na,server,A,two\n");
        var (code, _, error) = await Run("cmdb", "impact", "--nodes", nodes, "--edges", Sample("cmdb-edges.csv"), "--failed", "a");
        Assert.Equal(2, code);
        Assert.Contains("n.csv:2:", error);
        Assert.Contains("min_up", error);

        var loop = Write("e.csv", "source,target,type\nweb,web,depends on\n");
        (code, _, error) = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", loop, "--failed", "web");
        Assert.Equal(2, code);
        Assert.Contains("e.csv:2:", error);
        Assert.Contains("itself", error);
    }

    [Fact]
    public async Task Impact_BothFailedAndQueries_ExitTwo()
    {
        var (code, _, error) = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--failed", "web", "--queries", Sample("cmdb-queries.csv"));

        Assert.Equal(2, code);
        Assert.Contains("exactly one of --failed and --queries", error);
    }

    [Fact]
    public async Task Explain_StorageToShop_PrintsPathAsTree()
    {
        var (code, output, _) = await Run("cmdb", "explain", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--failed", "san", "--ci", "shop");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("san (storage, SAN) down [failed]", lines[0]);
        Assert.Equal("└─ db (database, Orders database) down: db hosted on san", lines[1]);
        Assert.Equal("   └─ api (application, Order API) down: api depends on db", lines[2]);
        Assert.Equal("      └─ shop (business-service, Web shop) down: shop depends on api", lines[3]);
    }

    [Fact]
    public async Task Explain_NotImpacted_SaysSo()
    {
        var (code, output, _) = await Run("cmdb", "explain", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--failed", "san", "--ci", "web");

        Assert.Equal(0, code);
        Assert.Contains("web is not impacted", output);
    }

    [Theory]
    [InlineData("node1")]
    [InlineData("node1,node2")]
    [InlineData("san")]
    [InlineData("switch")]
    public async Task Impact_OnTheStore_MatchesTheCsvModeOnTheSameFiles(string failed)
    {
        await ImportAsync();

        var files = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--failed", failed);
        var store = await Run("cmdb", "impact", "--failed", failed, "--data-dir", DataDir);

        Assert.Equal(0, files.Code);
        Assert.Equal(0, store.Code);
        Assert.True(files.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1, files.Output);
        Assert.Equal(files.Output, store.Output);
        Assert.Contains("tenant 'default' in the store, 11 CIs", store.Error);
    }

    [Fact]
    public async Task ImpactQueriesAndExplain_OnTheStore_MatchTheCsvMode()
    {
        await ImportAsync();

        var files = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--queries", Sample("cmdb-queries.csv"));
        var store = await Run("cmdb", "impact", "--queries", Sample("cmdb-queries.csv"), "--data-dir", DataDir);
        Assert.Equal(0, store.Code);
        Assert.Equal(files.Output, store.Output);
        Assert.Matches(@"^cmdb impact: \d+ CIs, \d+ relationships, \d+ queries, \d+ impacted rows; compiled in \d+\.\d ms; engine: analyse \d+\.\d ms \(\d+ ns per row\); I/O: load \d+\.\d ms, order and write \d+\.\d ms\.$", files.Error.Trim());
        Assert.Matches(@"^cmdb impact: tenant 'default' in the store, \d+ CIs, \d+ queries, \d+ impacted rows; engine: analyse \d+\.\d ms \(through the dispatcher\); I/O: load \d+\.\d ms, write \d+\.\d ms\.$", store.Error.Trim());

        var explainedFromFiles = await Run("cmdb", "explain", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--failed", "san", "--ci", "shop");
        var explainedFromStore = await Run("cmdb", "explain", "--failed", "san", "--ci", "shop", "--data-dir", DataDir);
        Assert.Equal(0, explainedFromStore.Code);
        Assert.Equal(explainedFromFiles.Output, explainedFromStore.Output);
        Assert.StartsWith("san (storage, SAN) down [failed]", explainedFromStore.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impact_OnTheStore_UnknownIdOrAnotherTenantsCmdb_IsInvalidInput()
    {
        await ImportAsync();

        var (code, _, error) = await Run("cmdb", "impact", "--failed", "node1,ghost", "--data-dir", DataDir);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--failed: unknown configuration item 'ghost'.", error);

        (code, _, error) = await Run("cmdb", "impact", "--failed", "node1", "--tenant", "globex", "--data-dir", DataDir);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("unknown configuration item 'node1'", error);

        (code, _, error) = await Run("cmdb", "impact", "--nodes", Sample("cmdb-nodes.csv"), "--failed", "node1", "--data-dir", DataDir);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("give both --nodes and --edges", error);
    }

    [Fact]
    public async Task ImportShowList_StoreTheCmdbOnce_AndAReimportIsAConflictThatStoresNothing()
    {
        var (code, output, _) = await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--data-dir", DataDir);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("imported 11 configuration item(s) and 13 relationship(s) into tenant 'default'", output);

        (code, output, _) = await Run("cmdb", "show", "cluster", "--json", "--data-dir", DataDir);
        Assert.Equal(ExitCodes.Ok, code);
        var cluster = JsonDocument.Parse(output).RootElement;
        Assert.Equal("cluster", cluster.GetProperty("class").GetString());
        Assert.Equal("App cluster", cluster.GetProperty("name").GetString());
        Assert.Equal(2, cluster.GetProperty("minimumUp").GetInt32());
        Assert.Equal(5, cluster.GetProperty("relationships").GetArrayLength());
        Assert.Contains(cluster.GetProperty("relationships").EnumerateArray(), r => r.GetProperty("source").GetString() == "node1" && r.GetProperty("type").GetString() == "member of");

        (code, output, _) = await Run("cmdb", "show", "cluster", "--data-dir", DataDir);
        Assert.Matches(@"redundancy\s+at least 2", output);
        Assert.Contains("<-[member of]-", output);

        (code, output, _) = await Run("cmdb", "list", "--class", "server", "--data-dir", DataDir);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("3 configuration item(s) in tenant 'default'", output);
        Assert.DoesNotContain("cluster", output);

        var nodes = Write("more-nodes.csv", "id,class,name\nextra,server,Extra\nshop,business-service,Web shop again\n");
        (code, _, var error) = await Run("cmdb", "import", "--nodes", nodes, "--edges", Write("no-edges.csv", "source,target,type\n"), "--data-dir", DataDir);
        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Contains("'shop'", error);
        (code, output, _) = await Run("cmdb", "list", "--json", "--data-dir", DataDir);
        Assert.Equal(11, JsonDocument.Parse(output).RootElement.GetProperty("count").GetInt32());

        (code, _, error) = await Run("cmdb", "show", "ghost", "--data-dir", DataDir);
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("Configuration item 'ghost' does not exist in tenant 'default'", error);
        (code, _, _) = await Run("cmdb", "show", "cluster", "--tenant", "globex", "--data-dir", DataDir);
        Assert.Equal(ExitCodes.NotFound, code);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("show")]
    [InlineData("list")]
    [InlineData("impact")]
    [InlineData("explain")]
    public async Task Help_EveryCmdbSubcommand_ShowsAnExample(string name)
    {
        var (code, output, _) = await Run("cmdb", name, "--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches($@"Example:\s+itsm cmdb {name} ", output);
        Assert.Contains("--tenant", output);
    }

    private string DataDir => Path.Combine(directory, "data");

    private async Task ImportAsync()
    {
        var (code, _, error) = await Run("cmdb", "import", "--nodes", Sample("cmdb-nodes.csv"), "--edges", Sample("cmdb-edges.csv"), "--data-dir", DataDir);
        Assert.True(code == ExitCodes.Ok, error);
    }
}
