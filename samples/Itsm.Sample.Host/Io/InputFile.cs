using System.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Reads the host's input files; a missing or unreadable file is bad input (<see cref="HostErrors.FileCode"/>),
/// a file past <see cref="InputLimits.MaxBytes"/> or not UTF-8 is refused (<see cref="HostErrors.LimitCode"/>,
/// <see cref="HostErrors.InputCode"/>), never a stack trace or memory exhaustion.
/// </summary>
internal static class InputFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The whole of <paramref name="path"/> as UTF-8 text, under the process's <see cref="InputLimits.Current"/>.</summary>
    /// <exception cref="InputException">The file does not exist, is a directory, cannot be read, is too large or is not UTF-8.</exception>
    public static string ReadText(string path) => ReadText(path, InputLimits.Current);

    /// <summary>
    /// The whole of <paramref name="path"/> as UTF-8 text (a byte order mark dropped), read in chunks and
    /// refused as soon as it passes <see cref="InputLimits.MaxBytes"/>: a device such as <c>/dev/zero</c>
    /// reports no length, so the limit is counted while reading, not taken from the file system.
    /// </summary>
    /// <exception cref="InputException">The file does not exist, is a directory, cannot be read, is too large or is not UTF-8.</exception>
    public static string ReadText(string path, InputLimits limits)
    {
        var (bytes, start) = ReadUtf8(path, limits);
        return StrictUtf8.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>
    /// The whole of <paramref name="path"/> as bytes checked to be UTF-8, with the offset of the text after a byte
    /// order mark: the batch commands read their millions of rows from the bytes, without a string per field.
    /// </summary>
    /// <exception cref="InputException">The file does not exist, is a directory, cannot be read, is too large or is not UTF-8.</exception>
    public static (byte[] Bytes, int Start) ReadUtf8(string path, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory; name a file.", HostErrors.FileCode);
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found.", HostErrors.FileCode);
        }

        byte[] bytes;
        try
        {
            bytes = ReadBounded(path, limits.MaxBytes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read: {HostErrors.FirstLine(exception.Message)}", HostErrors.FileCode);
        }

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        if (!System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(start)))
        {
            try
            {
                _ = StrictUtf8.GetCharCount(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException invalid)
            {
                throw new InputException($"{path}: is not UTF-8 text (byte {start + invalid.Index + 1} cannot be decoded); save it as UTF-8.", HostErrors.InputCode);
            }
        }

        return (bytes, start);
    }

    private static byte[] ReadBounded(string path, long maxBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (file.CanSeek && file.Length is > 0 and var length && length <= maxBytes)
        {
            // A regular file: one read into an array of its size, not zeroed first (the read fills it). A file that grows
            // meanwhile is read to its length then.
            var exact = length <= Array.MaxLength ? GC.AllocateUninitializedArray<byte>((int)length) : new byte[length];
            file.ReadExactly(exact);
            return exact;
        }

        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (content.Length + read > maxBytes)
            {
                throw new InputException(
                    $"{path}: is larger than the input limit of {maxBytes} bytes; split it, or raise {InputLimits.BytesVariable} if it is really meant to be read.",
                    HostErrors.LimitCode);
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }
}
