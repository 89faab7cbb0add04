using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Itsm.Sample.Host.Io;

/// <content>
/// A large input cut into chunks that read themselves: each chunk reads its own bytes from the file and checks them
/// (UTF-8, control characters, quotes), so that reading and checking a file of tens of megabytes is shared by the
/// threads that answer it instead of done on one thread before they start.
/// </content>
internal sealed partial class BatchCsv
{
    /// <summary>The bytes left to read (after the header, until the end of this reader's slice); 0 for a file with quotes.</summary>
    public int Remaining => quoted is null ? end - position : 0;

    /// <summary>The records (data rows and blank lines) read so far, which <see cref="InputLimits.MaxRows"/> bounds.</summary>
    public int Records => records;

    /// <summary>
    /// Opens <paramref name="path"/> to be read in chunks of about <paramref name="chunkBytes"/> bytes after the header,
    /// each by whichever thread answers it; null when the file is to be read whole by <see cref="Open(string, string[], InputLimits)"/>:
    /// it is not a regular file, has at most <paramref name="minimumBytes"/> or <paramref name="chunkBytes"/> bytes after
    /// its header, passes the byte limit, or its header is anything but plain (no line break in its first 64 KiB, a quote,
    /// a control character, not UTF-8, a required column missing). The whole reading then gives its error, if any, as ever.
    /// </summary>
    public static ChunkedFile? OpenChunked(string path, string[] required, InputLimits limits, int chunkBytes, int minimumBytes)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        SafeFileHandle? handle = null;
        try
        {
            // The size first: a pipe, a FIFO or a device reports none, and opening a FIFO here would take its writer's bytes from the whole reading.
            var info = new FileInfo(path);
            if (!info.Exists || info.Length <= Math.Max(minimumBytes, chunkBytes))
            {
                return null;
            }

            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
            var length = RandomAccess.GetLength(handle);
            if (length > limits.MaxBytes || length > Array.MaxLength)
            {
                return null;
            }

            var head = new byte[(int)Math.Min(length, 64 * 1024)];
            if (RandomAccess.Read(handle, head, 0) != head.Length)
            {
                return null;
            }

            var start = head.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            var newline = head.AsSpan(start).IndexOf((byte)'\n');
            if (newline < 0 || !Plain(head.AsSpan(start, newline + 1)))
            {
                return null;
            }

            var headerEnd = start + newline;
            var header = HeaderNames(head, start, newline);
            if (required.Any(c => !header.Contains(c)) || length - (headerEnd + 1) <= Math.Max(minimumBytes, chunkBytes))
            {
                return null;
            }

            var file = new ChunkedFile(path, handle, headerEnd + 1, length, chunkBytes, header.Count, Columns(path, header, required), required, limits);
            handle = null;
            return file;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return null; // the whole reading names what is wrong with the path
        }
        finally
        {
            handle?.Dispose();
        }
    }

    /// <summary>
    /// True when <paramref name="text"/> is UTF-8 with no control character but tab and line breaks and no quote: text
    /// the plain reading reads in place, as it would after checking the whole file. <paramref name="text"/> starts and
    /// ends at line boundaries (or the file's), so no character is cut.
    /// </summary>
    private static bool Plain(ReadOnlySpan<byte> text) =>
        !text.Contains((byte)'"') && FirstControl(text) < 0 && System.Text.Unicode.Utf8.IsValid(text);

    /// <summary>
    /// A regular file opened for <see cref="OpenChunked"/>: its header read, its body cut at fixed offsets into chunks,
    /// each of which takes the rows that start in its part of the file. Safe for chunks read on several threads at once.
    /// </summary>
    internal sealed class ChunkedFile : IDisposable
    {
        private const int Slack = 4096;

        private readonly string path;
        private readonly SafeFileHandle handle;
        private readonly long body;
        private readonly long length;
        private readonly int chunkBytes;
        private readonly int fieldCount;
        private readonly int[] columns;
        private readonly string[] names;

        internal ChunkedFile(string path, SafeFileHandle handle, long body, long length, int chunkBytes, int fieldCount, int[] columns, string[] names, InputLimits limits)
        {
            (this.path, this.handle, this.body, this.length, this.chunkBytes, this.fieldCount, this.columns, this.names, Limits) =
                (path, handle, body, length, chunkBytes, fieldCount, columns, names, limits);
            Count = (int)(((length - body) + chunkBytes - 1) / chunkBytes);
        }

        /// <summary>The chunks, in file order.</summary>
        public int Count { get; }

        /// <summary>The limits the chunks read under (the row limit is the whole file's: the caller sums <see cref="Records"/>).</summary>
        public InputLimits Limits { get; }

        /// <summary>
        /// Reads chunk <paramref name="index"/>: the rows that start at or after its offset and before the next chunk's
        /// (none when a longer line covers it), into a buffer rented from the shared pool that <paramref name="rented"/>
        /// gives back to it once the rows are done with. Its errors name lines from its own start and its row limit is its
        /// own: a caller that meets any exception reads the whole file in order instead.
        /// </summary>
        /// <exception cref="InvalidDataException">The chunk's bytes are not plain text (see <see cref="Plain"/>), or the file changed.</exception>
        public BatchCsv Read(int index, out byte[] rented)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

            // The bytes from just before the chunk's offset (to know whether a line starts there) to the line break that
            // ends the line holding the byte before the next chunk's offset.
            var from = index == 0 ? body : body + ((long)index * chunkBytes) - 1;
            var nominalEnd = body + ((long)(index + 1) * chunkBytes) - 1;
            rented = ArrayPool<byte>.Shared.Rent((int)Math.Min(length - from, chunkBytes + 1L + Slack));
            var read = Fill(ref rented, from, 0);
            var start = 0;
            if (index > 0)
            {
                while ((start = rented.AsSpan(0, read).IndexOf((byte)'\n')) < 0 && from + read < length)
                {
                    read = Fill(ref rented, from, read);
                }

                start = start < 0 ? read : start + 1;
            }

            int end;
            if (nominalEnd >= length - 1)
            {
                end = (int)(length - from);
                while (read < end)
                {
                    read = Fill(ref rented, from, read);
                }
            }
            else
            {
                var search = (int)Math.Max(nominalEnd - from, Math.Max(start - 1, 0));
                while (read <= search)
                {
                    read = Fill(ref rented, from, read);
                }

                int newline;
                while ((newline = rented.AsSpan(search, read - search).IndexOf((byte)'\n')) < 0 && from + read < length)
                {
                    read = Fill(ref rented, from, read);
                }

                end = newline < 0 ? read : search + newline + 1;
            }

            end = Math.Max(start, end);
            if (!Plain(rented.AsSpan(start, end - start)))
            {
                throw new InvalidDataException($"{path}: chunk {index} needs the whole file's checks.");
            }

            return new BatchCsv(path, rented, start, end, fieldCount, columns, names, Limits, quoted: null);
        }

        /// <summary>Gives a buffer <see cref="Read"/> rented back to the pool.</summary>
        public static void Return(byte[] rented) => ArrayPool<byte>.Shared.Return(rented);

        /// <summary>Closes the file.</summary>
        public void Dispose() => handle.Dispose();

        /// <summary>Reads more of the file from <paramref name="from"/> + <paramref name="read"/> into the buffer (grown when full); answers the bytes now read.</summary>
        private int Fill(ref byte[] buffer, long from, int read)
        {
            if (read == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(length - from, (long)buffer.Length * 2));
                buffer.AsSpan(0, read).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var want = (int)Math.Min(buffer.Length - read, length - from - read);
            var got = want == 0 ? 0 : RandomAccess.Read(handle, buffer.AsSpan(read, want), from + read);
            if (got <= 0 && want > 0)
            {
                throw new InvalidDataException($"{path}: the file became shorter while it was read."); // the whole reading reads it as it is now
            }

            return read + got;
        }
    }
}
