using System.Text.Encodings.Web;
using System.Text.Json;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// How the record-keeping subcommands write <c>--json</c>: indented, camelCase names, characters
/// left unescaped where JSON allows it, so ids and reasons read as typed.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="document"/> as indented JSON and flushes.</summary>
    public static void Write<T>(TextWriter output, T document)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(document, Options));
        output.Flush();
    }

    /// <summary>
    /// Writes the answer of a command the way <c>--json</c> asks: the JSON document
    /// <paramref name="document"/> makes, or <paramref name="forPeople"/>'s tables; returns
    /// <see cref="ExitCodes.Ok"/>.
    /// </summary>
    public static int Answer<T>(System.CommandLine.ParseResult parseResult, TextWriter output, Func<T> document, Action forPeople)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(forPeople);
        if (parseResult.GetValue(HostOptions.Json))
        {
            Write(output, document());
        }
        else
        {
            forPeople();
        }

        return ExitCodes.Ok;
    }
}
