using System.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>Reads the host's input files; a missing or unreadable file is bad input (<see cref="HostErrors.FileCode"/>), never a stack trace.</summary>
internal static class InputFile
{
    /// <summary>The whole of <paramref name="path"/> as UTF-8 text.</summary>
    /// <exception cref="InputException">The file does not exist, is a directory or cannot be read.</exception>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory; name a file.", HostErrors.FileCode);
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found.", HostErrors.FileCode);
        }

        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read: {HostErrors.FirstLine(exception.Message)}", HostErrors.FileCode);
        }
    }
}
