using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Itsm.Sample.Host.Commands;

/// <summary>How <c>itsm cmdb baseline</c> and <c>itsm cmdb audit</c> show their answers: tables for people, documents for <c>--json</c>.</summary>
internal static class BaselineView
{
    /// <summary>The document of one baseline.</summary>
    public static BaselineDocument Document(ConfigurationBaseline baseline) => new(
        baseline.Id.ToString(), baseline.Name, InstantText.FormatSeconds(baseline.CapturedAt), baseline.CapturedBy.Value,
        baseline.State.Items.Count, baseline.State.Relationships.Count, baseline.ContentHash);

    /// <summary>The baselines as a table, oldest first.</summary>
    public static void WriteList(TextWriter output, string tenant, IReadOnlyList<ConfigurationBaseline> baselines)
    {
        var console = TableConsole.Create(output);
        var table = TableConsole.Table(["baseline", "captured"], "baseline");
        foreach (var b in baselines)
        {
            table.AddRow(
                TableConsole.Text(b.Id.ToString()),
                TableConsole.Lines(
                    b.Name,
                    $"at {InstantText.FormatSeconds(b.CapturedAt)} by {b.CapturedBy.Value}",
                    $"{Count(b.State.Items.Count)} item(s), {Count(b.State.Relationships.Count)} relationship(s)",
                    $"content hash {b.ContentHash[..Math.Min(12, b.ContentHash.Length)]}"));
        }

        console.Write(table);
        console.WriteLine($"{baselines.Count} baseline(s) in tenant '{SafeText.Escape(tenant)}'");
    }

    /// <summary>The document of a diff.</summary>
    public static BaselineDiffDocument DiffDocument(string tenant, ConfigurationBaseline from, ConfigurationBaseline? to, ConfigurationDiff diff) => new(
        tenant, Document(from), to is null ? null : Document(to), diff.IsEmpty,
        [.. diff.AddedItems.Select(i => i.Id.Value)],
        [.. diff.RemovedItems.Select(i => i.Id.Value)],
        [.. diff.ModifiedItems.Select(m => new ModifiedItemDocument(m.Id.Value, [.. m.Fields.Select(f => new FieldDifferenceDocument(f.Field, f.Before, f.After))]))],
        [.. diff.AddedRelationships.Select(Relationship)],
        [.. diff.RemovedRelationships.Select(Relationship)]);

    /// <summary>The diff as a table: one row per difference, in the diff's order.</summary>
    public static void WriteDiff(TextWriter output, ConfigurationBaseline from, ConfigurationBaseline? to, ConfigurationDiff diff)
    {
        var console = TableConsole.Create(output);
        console.WriteLine($"baseline '{SafeText.Escape(from.Name)}' ({InstantText.FormatSeconds(from.CapturedAt)}) against {(to is null ? "the current CMDB" : $"baseline '{SafeText.Escape(to.Name)}' ({InstantText.FormatSeconds(to.CapturedAt)})")}");
        var table = TableConsole.Table(["difference", "what", "detail"]);
        foreach (var item in diff.AddedItems)
        {
            table.AddRow(Cell("item added"), Cell(item.Id.Value), Cell($"{item.Class.Name} '{item.Name}'"));
        }

        foreach (var item in diff.RemovedItems)
        {
            table.AddRow(Cell("item removed"), Cell(item.Id.Value), Cell($"{item.Class.Name} '{item.Name}'"));
        }

        foreach (var m in diff.ModifiedItems)
        {
            table.AddRow(Cell("item modified"), Cell(m.Id.Value), Cell(string.Join(", ", m.Fields.Select(f => $"{f.Field}: '{f.Before ?? "-"}' -> '{f.After ?? "-"}'"))));
        }

        foreach (var r in diff.AddedRelationships)
        {
            table.AddRow(Cell("relationship added"), Cell(r.ToString()), Cell(string.Empty));
        }

        foreach (var r in diff.RemovedRelationships)
        {
            table.AddRow(Cell("relationship removed"), Cell(r.ToString()), Cell(string.Empty));
        }

        if (!diff.IsEmpty)
        {
            console.Write(table);
        }

        var count = diff.AddedItems.Length + diff.RemovedItems.Length + diff.ModifiedItems.Length + diff.AddedRelationships.Length + diff.RemovedRelationships.Length;
        console.WriteLine(diff.IsEmpty ? "no differences: the configuration is the baseline's" : $"{count} difference(s)");
    }

    /// <summary>The document of an audit.</summary>
    public static AuditDocument AuditDocument(string tenant, ConfigurationBaseline baseline, ConfigurationAudit audit) => new(
        tenant, Document(baseline), InstantText.FormatSeconds(audit.From), InstantText.FormatSeconds(audit.To), audit.IsClean,
        audit.Unauthorised.Count(),
        [.. audit.Findings.Select(f => new AuditFindingDocument(f.Kind.ToString(), [.. f.Items.Select(i => i.Value)], f.Description, f.ExplainedBy?.ToString(), f.IsUnauthorised))]);

    /// <summary>The audit as a table: each difference and the change that explains it, or UNAUTHORISED.</summary>
    public static void WriteAudit(TextWriter output, ConfigurationBaseline baseline, ConfigurationAudit audit)
    {
        var console = TableConsole.Create(output);
        console.WriteLine($"configuration audit against baseline '{SafeText.Escape(baseline.Name)}', {InstantText.FormatSeconds(audit.From)} to {InstantText.FormatSeconds(audit.To)}");
        if (audit.Findings.Length > 0)
        {
            var table = TableConsole.Table(["difference", "kind", "explained by"]);
            foreach (var finding in audit.Findings)
            {
                table.AddRow(
                    TableConsole.Text(finding.Description), TableConsole.Text(finding.Kind.ToString()),
                    finding.ExplainedBy is { } change ? TableConsole.Text($"change {change} (implemented, authorised)") : TableConsole.Styled("[red bold]UNAUTHORISED[/]: no implemented change covers this item"));
            }

            console.Write(table);
        }

        var unauthorised = audit.Unauthorised.Count();
        console.WriteLine($"{audit.Findings.Length} difference(s), {unauthorised} unauthorised: the audit is {(audit.IsClean ? "clean" : "not clean; raise a retrospective change or roll the item back")}");
    }

    private static RelationshipDocument Relationship(Relationship r) => new(r.Source.Value, r.Type.Name, r.Target.Value);

    private static IRenderable Cell(string text) => TableConsole.Text(text);

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A baseline as JSON.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="CapturedAt">When it was captured (UTC, to the second).</param>
/// <param name="CapturedBy">Who captured it.</param>
/// <param name="Items">How many configuration items it holds.</param>
/// <param name="Relationships">How many relationships it holds.</param>
/// <param name="ContentHash">The content hash of the configuration it holds.</param>
internal sealed record BaselineDocument(string Id, string Name, string CapturedAt, string CapturedBy, int Items, int Relationships, string ContentHash);

/// <summary>The document of <c>itsm cmdb baseline list --json</c>.</summary>
/// <param name="Tenant">The tenant listed.</param>
/// <param name="Count">How many baselines follow.</param>
/// <param name="Baselines">The baselines, oldest first.</param>
internal sealed record BaselineListDocument(string Tenant, int Count, IReadOnlyList<BaselineDocument> Baselines);

/// <summary>The document of <c>itsm cmdb baseline diff --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="From">The older side.</param>
/// <param name="To">The newer side, or null for the current CMDB.</param>
/// <param name="IsEmpty">True when nothing differs.</param>
/// <param name="AddedItems">Ids of the items added.</param>
/// <param name="RemovedItems">Ids of the items removed.</param>
/// <param name="ModifiedItems">The items modified, field by field.</param>
/// <param name="AddedRelationships">The relationships added.</param>
/// <param name="RemovedRelationships">The relationships removed.</param>
internal sealed record BaselineDiffDocument(
    string Tenant, BaselineDocument From, BaselineDocument? To, bool IsEmpty, IReadOnlyList<string> AddedItems, IReadOnlyList<string> RemovedItems,
    IReadOnlyList<ModifiedItemDocument> ModifiedItems, IReadOnlyList<RelationshipDocument> AddedRelationships, IReadOnlyList<RelationshipDocument> RemovedRelationships);

/// <summary>A modified item in a diff.</summary>
/// <param name="Id">The item.</param>
/// <param name="Fields">Each field that differs.</param>
internal sealed record ModifiedItemDocument(string Id, IReadOnlyList<FieldDifferenceDocument> Fields);

/// <summary>One field that differs.</summary>
/// <param name="Field">The field, such as <c>attribute ram_gb</c>.</param>
/// <param name="Before">Its value in the older side, or null.</param>
/// <param name="After">Its value in the newer side, or null.</param>
internal sealed record FieldDifferenceDocument(string Field, string? Before, string? After);

/// <summary>A relationship in a diff.</summary>
/// <param name="Source">The source item.</param>
/// <param name="Type">The type name.</param>
/// <param name="Target">The target item.</param>
internal sealed record RelationshipDocument(string Source, string Type, string Target);

/// <summary>The document of <c>itsm cmdb audit --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Baseline">The baseline audited against.</param>
/// <param name="From">The audited period's start (the capture), exclusive.</param>
/// <param name="To">The audited period's end (now), inclusive.</param>
/// <param name="IsClean">True when every difference is explained by an authorised change.</param>
/// <param name="Unauthorised">How many differences nothing explains.</param>
/// <param name="Findings">Every difference, in the diff's order.</param>
internal sealed record AuditDocument(string Tenant, BaselineDocument Baseline, string From, string To, bool IsClean, int Unauthorised, IReadOnlyList<AuditFindingDocument> Findings);

/// <summary>One audit finding.</summary>
/// <param name="Kind">ItemAdded, ItemRemoved, ItemModified, RelationshipAdded or RelationshipRemoved.</param>
/// <param name="Items">The item, or the two ends of the relationship.</param>
/// <param name="Description">The difference, for a person.</param>
/// <param name="ExplainedBy">The id of the change that explains it, or null.</param>
/// <param name="IsUnauthorised">True when no change explains it.</param>
internal sealed record AuditFindingDocument(string Kind, IReadOnlyList<string> Items, string Description, string? ExplainedBy, bool IsUnauthorised);
