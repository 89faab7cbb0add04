using System.Globalization;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>A CMDB read from the host's CSV files, with every error pointing at file, line and column.</summary>
internal sealed class CmdbCsv
{
    private readonly CmdbSnapshotBuilder builder = new();
    private readonly Dictionary<ConfigurationItemId, CsvRow> nodeRows = [];
    private string edgesPath = string.Empty;

    /// <summary>The CI names, by id.</summary>
    public Dictionary<ConfigurationItemId, string> Names { get; } = [];

    /// <summary>The items in file order, as <c>ImportConfiguration</c> takes them.</summary>
    public List<ImportedItem> Items { get; } = [];

    /// <summary>The row each of <see cref="Items"/> came from (same order), for errors about an item.</summary>
    public List<CsvRow> ItemRows { get; } = [];

    /// <summary>The relationships in file order.</summary>
    public List<Relationship> Relationships { get; } = [];

    /// <summary>Reads and checks both files; relationship type names are read by <paramref name="types"/> (the well-known types unless given), so a typo is an error on its row.</summary>
    public static CmdbCsv Load(string nodesPath, string edgesPath, RelationshipTypeCatalogue? types = null)
    {
        types ??= RelationshipTypeCatalogue.WellKnown;
        var model = new CmdbCsv { edgesPath = edgesPath };
        var nodes = CsvTable.Read(nodesPath, "id", "class", "name");
        foreach (var row in nodes.Rows)
        {
            var id = ConfigurationItemId.Parse(row["id"], "id");
            if (!id.IsSuccess)
            {
                throw row.Error("id", id.ValidationErrors.First().ErrorMessage);
            }

            var itemClass = ConfigurationItemClass.Parse(row["class"]);
            if (!itemClass.IsSuccess)
            {
                throw row.Error("class", itemClass.ValidationErrors.First().ErrorMessage);
            }

            var criticality = BusinessCriticality.None;
            var criticalityText = row["criticality"];
            if (criticalityText.Length > 0
                && (!Enum.TryParse(criticalityText, ignoreCase: true, out criticality) || !Enum.IsDefined(criticality)))
            {
                throw row.Error("criticality", $"'{criticalityText}' is not one of none, low, medium, high, critical (or 0-4).");
            }

            var redundancy = RedundancyRule.AllRequired;
            var minUpText = row["min_up"];
            if (minUpText.Length > 0)
            {
                if (!int.TryParse(minUpText, NumberStyles.None, CultureInfo.InvariantCulture, out var minUp) || minUp < 1)
                {
                    throw row.Error("min_up", $"'{minUpText}' is not a whole number of at least 1.");
                }

                redundancy = RedundancyRule.AtLeast(minUp);
            }

            if (!model.builder.AddItem(id.Value, itemClass.Value, criticality, redundancy).IsSuccess)
            {
                throw row.Error("id", $"'{id.Value}' appears twice (first on line {model.nodeRows[id.Value].Line}).");
            }

            model.nodeRows[id.Value] = row;
            model.Names[id.Value] = row["name"];
            model.Items.Add(new ImportedItem(id.Value, itemClass.Value, row["name"], criticality, redundancy));
            model.ItemRows.Add(row);
        }

        var edges = CsvTable.Read(edgesPath, "source", "target", "type");
        var seen = new Dictionary<(ConfigurationItemId, ConfigurationItemId, RelationshipType), int>();
        foreach (var row in edges.Rows)
        {
            var source = model.Known(row, "source");
            var target = model.Known(row, "target");
            var type = types.FromName(row["type"]);
            if (!type.IsSuccess)
            {
                throw row.Error("type", type.ValidationErrors.First().ErrorMessage);
            }

            if (!seen.TryAdd((source, target, type.Value), row.Line))
            {
                throw row.Error("source", $"the relationship {source} -[{type.Value}]-> {target} appears twice (first on line {seen[(source, target, type.Value)]}).");
            }

            var added = model.builder.AddRelationship(source, target, type.Value);
            if (!added.IsSuccess)
            {
                throw row.Error("target", added.Message);
            }

            model.Relationships.Add(Relationship.Create(source, target, type.Value).Value);
        }

        return model;
    }

    /// <summary>Parses a query file: query,failed.</summary>
    public static List<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> LoadQueries(CmdbCsv model, string path) =>
        LoadQueries(model.Names.ContainsKey, path);

    /// <summary>Parses a query file: query,failed; <paramref name="isKnown"/> says which ids the CMDB has (the files' or the store's).</summary>
    public static List<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> LoadQueries(Func<ConfigurationItemId, bool> isKnown, string path)
    {
        var table = CsvTable.Read(path, "query", "failed");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<(string, IReadOnlyList<ConfigurationItemId>)>();
        foreach (var row in table.Rows)
        {
            if (row["query"].Length == 0)
            {
                throw row.Error("query", "a query needs a name.");
            }

            if (!names.Add(row["query"]))
            {
                throw row.Error("query", $"query '{row["query"]}' appears twice.");
            }

            var failed = new List<ConfigurationItemId>();
            foreach (var part in row["failed"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var id = ConfigurationItemId.Parse(part, "failed");
                if (!id.IsSuccess || !isKnown(id.Value))
                {
                    throw row.Error("failed", $"unknown configuration item '{part}'.");
                }

                failed.Add(id.Value);
            }

            if (failed.Count == 0)
            {
                throw row.Error("failed", "name at least one failed configuration item.");
            }

            list.Add((row["query"], failed));
        }

        return list;
    }

    /// <summary>Parses comma-separated ids given on the command line; an unknown id is an error naming the option.</summary>
    public static IReadOnlyList<ConfigurationItemId> ParseIds(CmdbCsv model, string text, string option) =>
        ParseIds(model.Names.ContainsKey, text, option);

    /// <summary>Parses comma-separated ids given on the command line; <paramref name="isKnown"/> says which ids the CMDB has.</summary>
    public static IReadOnlyList<ConfigurationItemId> ParseIds(Func<ConfigurationItemId, bool> isKnown, string text, string option)
    {
        var list = new List<ConfigurationItemId>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var id = ConfigurationItemId.Parse(part, option);
            if (!id.IsSuccess || !isKnown(id.Value))
            {
                throw new InputException($"{option}: unknown configuration item '{part}'.");
            }

            list.Add(id.Value);
        }

        return list.Count > 0 ? list : throw new InputException($"{option}: name at least one configuration item.");
    }

    /// <summary>The ids of a typed option, each of which the CMDB must have (<paramref name="isKnown"/>); an unknown one is an error naming the option.</summary>
    public static IReadOnlyList<ConfigurationItemId> Known(Func<ConfigurationItemId, bool> isKnown, IReadOnlyList<ConfigurationItemId> ids, string option)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            if (!isKnown(id))
            {
                throw new InputException($"{option}: unknown configuration item '{id}'.");
            }
        }

        return ids.Count > 0 ? ids : throw new InputException($"{option}: name at least one configuration item.");
    }

    /// <summary>Compiles the snapshot; a whole-graph problem is reported against the file it comes from.</summary>
    public CmdbSnapshot Compile()
    {
        var built = builder.Build();
        if (built.IsSuccess)
        {
            return built.Value;
        }

        // A min_up above a group's member count is not an error: the group is down, and the snapshot's Shortfalls say why.
        throw new InputException($"{edgesPath}: {built.ValidationErrors.First().ErrorMessage}");
    }

    private ConfigurationItemId Known(CsvRow row, string column)
    {
        var id = ConfigurationItemId.Parse(row[column], column);
        if (!id.IsSuccess || !Names.ContainsKey(id.Value))
        {
            throw row.Error(column, $"unknown configuration item '{row[column]}'.");
        }

        return id.Value;
    }
}
