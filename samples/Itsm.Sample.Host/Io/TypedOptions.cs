using System.CommandLine;
using System.CommandLine.Parsing;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Options and arguments whose values System.CommandLine parses and checks before any subcommand runs:
/// instants, identifiers (through the library's own <c>Parse</c>, never a second parser) and named
/// choices. A subcommand reads a typed value with <c>GetValue</c> and holds no parsing code of its own.
/// </summary>
/// <remarks>
/// A value that does not parse is bad input, not a usage error: its message (which names the option and
/// says what it accepts) and code travel in the parse error, and <see cref="HostErrors.WriteUsage"/>
/// reports it as one line with <see cref="ExitCodes.InvalidInput"/>.
/// </remarks>
internal static class TypedOptions
{
    /// <summary>Separates a value error's message from its code inside a <see cref="ParseError"/> message.</summary>
    internal const char CodeSeparator = '\u001f';

    /// <summary>An instant option: ISO-8601 with <c>Z</c> or an offset (<see cref="InstantText.TryParse"/>).</summary>
    public static Option<Instant> Instant(string name, string description, bool required = true) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result => Parse(result, name, text => InstantText.TryParse(text, out var instant) is { } problem ? Failed<Instant>(problem) : (instant, null, null)),
    };

    /// <summary>An optional instant option; null when omitted.</summary>
    public static Option<Instant?> OptionalInstant(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse<Instant?>(result, name, text => InstantText.TryParse(text, out var instant) is { } problem ? Failed<Instant?>(problem) : (instant, null, null)),
    };

    /// <summary>A text identifier option (a CI, a user, a customer), parsed by the library's <see cref="Identifier.ParseText{TId}"/>.</summary>
    public static Option<TId?> Text<TId>(string name, string description, bool required = false)
        where TId : struct, ITextIdentifier<TId> => new(name)
        {
            Description = description,
            Required = required,
            CustomParser = result => Parse<TId?>(result, name, text => Library(Identifier.ParseText<TId>(text.Trim(), name))),
        };

    /// <summary>
    /// A text identifier option with a default: <paramref name="defaultText"/> when omitted (read when the option is,
    /// so that an environment variable behind it is read late), parsed by the library like the option's own value.
    /// </summary>
    public static Option<TId> Text<TId>(string name, string description, Func<string> defaultText)
        where TId : struct, ITextIdentifier<TId> => new(name)
        {
            Description = description,
            DefaultValueFactory = result => Default<TId>(result, name, defaultText),
            CustomParser = result => result.Tokens.Count == 0
                ? Default<TId>(result, name, defaultText)
                : Parse(result, name, text => Library(Identifier.ParseText<TId>(text.Trim(), name))),
        };

    private static TId Default<TId>(ArgumentResult result, string name, Func<string> defaultText)
        where TId : struct, ITextIdentifier<TId>
    {
        var parsed = Identifier.ParseText<TId>(defaultText(), name);
        if (!parsed.IsSuccess)
        {
            AddError(result, $"{name}: the default '{defaultText()}' is not valid here: {Library(parsed).Problem}; give {name} explicitly.", parsed.ValidationErrors.FirstOrDefault()?.ErrorCode);
            return default;
        }

        return parsed.Value;
    }

    /// <summary>
    /// An option in a syntax of the host's own (such as SLA targets), parsed by <paramref name="parse"/>, whose
    /// <see cref="InputException"/> becomes the option's error; <paramref name="defaultText"/> when omitted, if given.
    /// </summary>
    public static Option<T> Syntax<T>(string name, string description, Func<string, T> parse, string? defaultText = null)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            Required = defaultText is null,
            CustomParser = result => Parse<T>(result, name, text =>
            {
                try
                {
                    return (parse(text), (string?)null, (string?)null);
                }
                catch (InputException refused)
                {
                    return (default(T)!, refused.Message.StartsWith(name + ": ", StringComparison.Ordinal) ? refused.Message[(name.Length + 2)..] : refused.Message, refused.Code);
                }
            }),
        };
        if (defaultText is not null)
        {
            option.DefaultValueFactory = _ => parse(defaultText);
        }

        return option;
    }

    /// <summary>A text identifier argument (such as a CI's id), parsed by the library's <see cref="Identifier.ParseText{TId}"/>.</summary>
    public static Argument<TId> TextArgument<TId>(string name, string description)
        where TId : struct, ITextIdentifier<TId> => new(name)
        {
            Description = description,
            CustomParser = result => Parse(result, name, text => Library(Identifier.ParseText<TId>(text.Trim(), name))),
        };

    /// <summary>A text identifier option that may be repeated or comma-separated (<c>--item a,b --item c</c>).</summary>
    public static Option<TId[]> TextList<TId>(string name, string description, bool required = false)
        where TId : struct, ITextIdentifier<TId> => new(name)
        {
            Description = description,
            Required = required,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result =>
            {
                var values = new List<TId>();
                foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                {
                    var parsed = Identifier.ParseText<TId>(part, name);
                    if (!parsed.IsSuccess)
                    {
                        AddError(result, $"{name}: {Library(parsed).Problem}", parsed.ValidationErrors.FirstOrDefault()?.ErrorCode);
                        return [];
                    }

                    values.Add(parsed.Value);
                }

                return [.. values];
            },
        };

    /// <summary>
    /// The <c>id</c> argument of a record the library assigned (an incident, a change): a GUID, with
    /// <paramref name="hint"/> (where to find ids) in the message when the text is not one.
    /// </summary>
    public static Argument<TId> GuidArgument<TId>(string description, string kind, string hint)
        where TId : struct, IGuidIdentifier<TId> => new("id")
        {
            Description = description,
            CustomParser = result => Parse(result, "id", text => Identifier.ParseGuid<TId>(text.Trim(), "id") is { IsSuccess: true } parsed
                ? (parsed.Value, null, null)
                : Failed<TId>($"'{text}' is not {kind} id; {hint}")),
        };

    /// <summary>A GUID identifier option (such as <c>--problem</c>), parsed by the library's <see cref="Identifier.ParseGuid{TId}"/>.</summary>
    public static Option<TId> Guid<TId>(string name, string description)
        where TId : struct, IGuidIdentifier<TId> => new(name)
        {
            Description = description,
            Required = true,
            CustomParser = result => Parse(result, name, text => Library(Identifier.ParseGuid<TId>(text.Trim(), name))),
        };

    /// <summary>A GUID identifier option that may be repeated or comma-separated (<c>--known-error ID,ID</c>); empty when omitted.</summary>
    public static Option<TId[]> GuidList<TId>(string name, string description)
        where TId : struct, IGuidIdentifier<TId> => new(name)
        {
            Description = description,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result =>
            {
                var values = new List<TId>();
                foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                {
                    var parsed = Identifier.ParseGuid<TId>(part, name);
                    if (!parsed.IsSuccess)
                    {
                        AddError(result, $"{name}: {Library(parsed).Problem}", parsed.ValidationErrors.FirstOrDefault()?.ErrorCode);
                        return [];
                    }

                    values.Add(parsed.Value);
                }

                return [.. values];
            },
        };

    /// <summary>A priority option (<c>P1</c>, <c>P2</c>, ...), as its rank; null when omitted.</summary>
    public static Option<int?> Priority(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse<int?>(result, name, text =>
            ParsePriority(text) is { } rank
                ? (rank, null, null)
                : (null, $"'{text}' is not a priority; write P1, P2, ... (P1 is the highest).", null)),
    };

    /// <summary>The rank of a priority written <c>P1</c>, <c>p2</c> or <c>3</c> (1 to 100), or null when <paramref name="text"/> is not one.</summary>
    public static int? ParsePriority(string text) =>
        int.TryParse(text.Trim().TrimStart('P', 'p'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank) && rank is >= 1 and <= 100
            ? rank
            : null;

    /// <summary>
    /// An option taking one of the named values of <paramref name="names"/> (the command line's spelling, such
    /// as <c>awaiting-customer</c>); anything else is refused with the list of accepted names.
    /// </summary>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyDictionary<string, T> names, string? defaultName = null)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            Required = defaultName is null,
            CustomParser = result => Parse(result, name, text => names.TryGetValue(text.Trim(), out var value)
                ? (value, null, null)
                : Failed<T>($"'{text}' is not one of {string.Join(", ", names.Keys)}.")),
        };
        if (defaultName is not null)
        {
            option.DefaultValueFactory = _ => names[defaultName];
        }

        return option;
    }

    /// <summary>
    /// A repeatable, comma-separated filter over named values; a name of <paramref name="names"/> may stand for
    /// several values (<c>open</c> for every open state); <paramref name="noun"/> names what a value is (<c>a state</c>). Empty when omitted.
    /// </summary>
    public static Option<T[]> ChoiceList<T>(string name, string description, IReadOnlyDictionary<string, T[]> names, string noun) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result =>
        {
            var values = new List<T>();
            foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            {
                if (!names.TryGetValue(part, out var these))
                {
                    AddError(result, $"{name}: '{part}' is not {noun}; use {string.Join(", ", names.Keys)}.", null);
                    return [];
                }

                values.AddRange(these);
            }

            return [.. values.Distinct()];
        },
    };

    /// <summary>The kebab-case names of <typeparamref name="T"/>'s values (<c>InProgress</c> as <c>in-progress</c>), each standing for itself.</summary>
    public static Dictionary<string, T[]> KebabNames<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => Kebab(v.ToString()), v => new[] { v }, StringComparer.OrdinalIgnoreCase);

    /// <summary><c>InProgress</c> as <c>in-progress</c>.</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i == 0 ? char.ToLowerInvariant(c).ToString() : "-" + char.ToLowerInvariant(c)) : c.ToString()));

    /// <summary>Splits a value error's parse message into the message and its code, or null when it is not one.</summary>
    internal static (string Message, string Code)? ValueError(ParseError problem)
    {
        var separator = problem.Message.IndexOf(CodeSeparator, StringComparison.Ordinal);
        return separator < 0 ? null : (problem.Message[..separator], problem.Message[(separator + 1)..]);
    }

    private static T Parse<T>(ArgumentResult result, string name, Func<string, (T Value, string? Problem, string? Code)> parse)
    {
        if (result.Tokens.Count == 0)
        {
            return default!;
        }

        var (value, problem, code) = parse(result.Tokens[^1].Value);
        if (problem is null)
        {
            return value;
        }

        AddError(result, $"{name}: {problem}", code);
        return default!;
    }

    private static void AddError(ArgumentResult result, string message, string? code) =>
        result.AddError($"{message}{CodeSeparator}{code ?? HostErrors.InputCode}");

    private static (T Value, string? Problem, string? Code) Failed<T>(string problem) => (default!, problem, null);

    private static (T Value, string? Problem, string? Code) Library<T>(Result<T> parsed)
        where T : struct =>
        parsed.IsSuccess
            ? (parsed.Value, null, null)
            : (default, parsed.ValidationErrors.FirstOrDefault()?.ErrorMessage ?? parsed.Message, parsed.ValidationErrors.FirstOrDefault()?.ErrorCode);
}
