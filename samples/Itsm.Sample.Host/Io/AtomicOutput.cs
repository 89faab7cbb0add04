using System.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Writes a whole output file or nothing: content goes to a temporary file beside the target,
/// which replaces the target only after everything was written. Without a path, writes to stdout.
/// </summary>
internal static class AtomicOutput
{
    /// <summary>Writes what <paramref name="write"/> produces to <paramref name="path"/> (or to <paramref name="stdout"/> when null).</summary>
    public static void Write(string? path, TextWriter stdout, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(stdout);
            stdout.Flush();
            return;
        }

        var full = System.IO.Path.GetFullPath(path);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.NewLine = "\n";
                write(writer);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
