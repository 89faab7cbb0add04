using System.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Writes a whole output file or nothing: content goes to a temporary file beside the target,
/// which replaces the target only after everything was written. Without a path, writes to stdout.
/// </summary>
/// <remarks>
/// A path that cannot be written (its directory is missing, it names a directory, the file system
/// refuses it, as <c>/proc</c> does) is bad input: <see cref="InputException"/> with
/// <see cref="HostErrors.OutputCode"/>, checked before anything is computed where it can be, and
/// the temporary file is removed; so it is when the process ends part-way (Ctrl-C or SIGTERM).
/// </remarks>
internal static class AtomicOutput
{
    /// <summary>
    /// Checks that <paramref name="path"/> (the value of <c>--output</c>, or null for stdout) can be
    /// written before the work starts, so a typo fails fast; returns the full path.
    /// </summary>
    /// <exception cref="InputException">The directory is missing or the path names a directory.</exception>
    public static string? Check(string? path)
    {
        if (path is null)
        {
            return null;
        }

        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or NotSupportedException)
        {
            throw Refused(path, HostErrors.FirstLine(exception.Message));
        }

        if (Directory.Exists(full))
        {
            throw Refused(path, "it is a directory; name a file");
        }

        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw Refused(path, $"the directory '{directory}' does not exist");
        }

        return full;
    }

    /// <summary>Writes what <paramref name="write"/> produces to <paramref name="path"/> (or to <paramref name="stdout"/> when null).</summary>
    /// <exception cref="InputException">The file cannot be written; nothing was left behind.</exception>
    public static void Write(string? path, TextWriter stdout, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(write);
        if (path is null)
        {
            write(stdout);
            stdout.Flush();
            return;
        }

        Replace(path, temporary =>
        {
            using var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.NewLine = "\n";
            write(writer);
        });
    }

    /// <summary>
    /// Writes the UTF-8 bytes <paramref name="write"/> produces to <paramref name="path"/>, or to <paramref name="stdout"/>
    /// when null: held until <paramref name="write"/> has finished, so that a failure part-way leaves nothing on stdout either.
    /// </summary>
    /// <exception cref="InputException">The file cannot be written; nothing was left behind.</exception>
    public static void WriteBytes(string? path, TextWriter stdout, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(write);
        if (path is null)
        {
            using var buffer = new MemoryStream();
            write(buffer);
            var decoder = Encoding.UTF8.GetDecoder();
            var chars = new char[64 * 1024];
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            while (!bytes.IsEmpty)
            {
                decoder.Convert(bytes, chars, flush: true, out var used, out var produced, out _);
                stdout.Write(chars, 0, produced);
                bytes = bytes[used..];
            }

            stdout.Flush();
            return;
        }

        Replace(path, temporary =>
        {
            using var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            write(file);
        });
    }

    /// <summary>Has <paramref name="write"/> fill a temporary file beside <paramref name="path"/>, then moves it over <paramref name="path"/>.</summary>
    private static void Replace(string path, Action<string> write)
    {
        var full = Check(path)!;
        var temporary = full + ".tmp-" + Environment.ProcessId;

        // A command stopped part-way (Ctrl-C or SIGTERM, still running when its two seconds are up) never comes back here:
        // the process's exit removes the temporary file instead.
        EventHandler removeOnExit = (_, _) => Remove(temporary);
        AppDomain.CurrentDomain.ProcessExit += removeOnExit;
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Refused(path, HostErrors.FirstLine(exception.Message).Replace(temporary, full, StringComparison.Ordinal));
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= removeOnExit;
            Remove(temporary);
        }
    }

    /// <summary>Removes a temporary file if it is there.</summary>
    private static void Remove(string temporary)
    {
        try
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing was written where it was asked for; a temporary file that cannot be removed is not worth a second error.
        }
    }

    private static InputException Refused(string path, string reason) =>
        new($"--output: cannot write '{path}': {reason.TrimEnd('.')}.", HostErrors.OutputCode);
}
