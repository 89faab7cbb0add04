using System.Text.Json;
using System.Text.Json.Serialization;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Requests;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Requests;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// A request catalogue item's definition file (<c>itsm request item define --definition FILE</c>, described in docs/requests.md):
/// the item, its fields, approval stages, fulfilment tasks with their dependencies and groups, each group's calendar, the
/// service calendar and the fulfilment target, read into one <see cref="DefineRequestItem"/>.
/// </summary>
/// <remarks>
/// The shape is checked here (unknown or misspelt properties, missing ones, values of the wrong kind, durations, ids), each
/// problem one line naming the file and where in it (<c>tasks[1].effort</c>), with <see cref="HostErrors.InputCode"/> or the
/// library's code; what the library decides (a cycle, a calendar for a group that does no task) comes back from
/// <see cref="DefineRequestItem"/> with its <c>request.*</c> code.
/// </remarks>
internal static class RequestItemFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads <paramref name="path"/> into the command that defines its item, as <paramref name="context"/>.</summary>
    /// <exception cref="InputException">The file cannot be read, is not JSON of the item's shape, or a part of it is invalid.</exception>
    public static DefineRequestItem Read(string path, RequestContext context)
    {
        var text = InputFile.ReadText(path);
        ItemDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ItemDocument>(text, Options);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $"{path}:{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : path;
            throw new InputException($"{where}: {(exception.Path is { Length: > 1 } at ? at[2..] + ": " : string.Empty)}{Readable(exception)}; see docs/requests.md for the item file's shape.");
        }

        var d = document ?? throw new InputException($"{path}: is empty (null); write the item as a JSON object, see docs/requests.md.");
        var fields = (d.Fields ?? []).Select((f, i) => Part(path, $"fields[{i}]", RequestField.Create(f.Name, f.Required))).ToList();
        var stages = (d.Approval ?? []).Select((s, i) => Stage(path, i, s)).ToList();
        var tasks = (Required(path, "tasks", d.Tasks)).Select((t, i) => Task(path, i, t)).ToList();
        var groups = (d.Groups ?? []).ToDictionary(
            g => Id<SupportGroupId>(path, "groups", g.Key),
            g => Id<CalendarId>(path, $"groups.{g.Key}", g.Value));
        var target = Duration(path, "target", Required(path, "target", d.Target));
        return new DefineRequestItem(
            context,
            Id<RequestItemId>(path, "id", Required(path, "id", d.Id)),
            Id<ConfigurationItemId>(path, "service", Required(path, "service", d.Service)),
            Required(path, "name", d.Name),
            fields,
            stages,
            tasks,
            target,
            Id<CalendarId>(path, "serviceCalendar", Required(path, "serviceCalendar", d.ServiceCalendar)),
            groups)
        {
            WarningThresholds = [.. d.Warn ?? []],
            Priority = d.Priority is { } priority ? Rank(path, priority) : null,
        };
    }

    /// <summary>System.Text.Json's message without the .NET type names it mentions: what a person writing the file can act on.</summary>
    private static string Readable(JsonException exception)
    {
        var message = exception.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = message.Split('\'', 3) is [_, var property, _] ? property : "?";
            return $"unknown property '{name}'; the properties are id, service, name, priority, fields, approval, tasks, groups, serviceCalendar, target and warn (fields: name, required; approval: stage, mode, quorum, approvers; tasks: id, name, group, effort, after)";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "a value of the wrong kind (text in quotes, a number, true or false, a list in [ ] or an object in { })";
        }

        return "malformed JSON: " + message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
    }

    private static ApprovalStage Stage(string path, int index, StageDocument s)
    {
        var at = $"approval[{index}]";
        var approvers = (s.Approvers ?? []).Select(a => Id<UserId>(path, $"{at}.approvers", a)).ToList();
        return s.Mode?.Trim().ToLowerInvariant() switch
        {
            null or "sequential" when s.Quorum is null => Part(path, at, ApprovalStage.Sequential(s.Stage, approvers)),
            null or "sequential" => throw new InputException($"{path}: {at}.quorum: a sequential stage needs every approver in turn; give a quorum only with \"mode\": \"parallel\"."),
            "parallel" => Part(path, at, ApprovalStage.Parallel(s.Stage, approvers, s.Quorum ?? approvers.Count)),
            _ => throw new InputException($"{path}: {at}.mode: '{s.Mode}' is not sequential or parallel."),
        };
    }

    private static FulfilmentTask Task(string path, int index, TaskDocument t)
    {
        var at = $"tasks[{index}]";
        var id = Id<FulfilmentTaskId>(path, $"{at}.id", Required(path, $"{at}.id", t.Id));
        var group = Id<SupportGroupId>(path, $"{at}.group", Required(path, $"{at}.group", t.Group));
        var effort = Duration(path, $"{at}.effort", Required(path, $"{at}.effort", t.Effort));
        var after = (t.After ?? []).Select(a => Id<FulfilmentTaskId>(path, $"{at}.after", a)).ToList();
        return Part(path, at, FulfilmentTask.Create(id, t.Name, group, effort, after));
    }

    /// <summary>The item's <c>priority</c>, <c>P1</c>, <c>P2</c>, ... as the host's <c>--priority</c> options read it.</summary>
    private static Priority Rank(string path, string text) =>
        TypedOptions.ParsePriority(text) is { } rank ? Priority.FromRank(rank) : throw new InputException($"{path}: priority: '{text}' is not a priority; write P1, P2, ... (P1 is the highest).");

    private static T Required<T>(string path, string at, T? value)
        where T : class =>
        value ?? throw new InputException($"{path}: {at}: is missing; see docs/requests.md for the item file's shape.");

    private static Duration Duration(string path, string at, string text) => DurationOptions.Parse(text.Trim(), $"{path}: {at}", "business duration");

    private static TId Id<TId>(string path, string at, string? text)
        where TId : struct, ITextIdentifier<TId>
    {
        var parsed = Identifier.ParseText<TId>(text?.Trim(), at);
        return parsed.IsSuccess ? parsed.Value : throw new InputException($"{path}: {at}: {parsed.ValidationErrors.First().ErrorMessage}", parsed.ValidationErrors.First().ErrorCode);
    }

    private static T Part<T>(string path, string at, Result<T> part) =>
        part.IsSuccess ? part.Value : throw new InputException([.. part.ValidationErrors.Select(e => ($"{path}: {at}: {e.ErrorMessage}", e.ErrorCode))]);

    private sealed record ItemDocument(
        string? Id,
        string? Service,
        string? Name,
        string? Priority,
        FieldDocument[]? Fields,
        StageDocument[]? Approval,
        TaskDocument[]? Tasks,
        Dictionary<string, string>? Groups,
        string? ServiceCalendar,
        string? Target,
        int[]? Warn);

    private sealed record FieldDocument(string? Name, bool Required);

    private sealed record StageDocument(string? Stage, string? Mode, int? Quorum, string[]? Approvers);

    private sealed record TaskDocument(string? Id, string? Name, string? Group, string? Effort, string[]? After);
}
