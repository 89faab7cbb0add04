namespace Itsm.Sample.Host.Io;

/// <content>Cutting an input read in place into chunks at line breaks, to be read side by side.</content>
internal sealed partial class BatchCsv
{
    /// <summary>True when the rows are read in place from the file's bytes (the file has no quote), so they can be cut into <see cref="Chunks"/>.</summary>
    public bool InPlace => quoted is null;

    /// <summary>The bytes left to read (after the header, until the end of this reader's slice); 0 for a file with quotes.</summary>
    public int Remaining => quoted is null ? end - position : 0;

    /// <summary>The records (data rows and blank lines) read so far, which <see cref="InputLimits.MaxRows"/> bounds.</summary>
    public int Records => records;

    /// <summary>The limits this reader reads under.</summary>
    public InputLimits Limits => limits;

    /// <summary>
    /// The rows not yet read, cut just after line breaks into readers of about <paramref name="chunkBytes"/> bytes each,
    /// in file order, each over the same bytes with the same header and limits: together they read exactly the rows this
    /// reader would, with the same answers. Each counts its lines and records from its own start, so its errors name the
    /// wrong line and its row limit is its own: a caller that meets any error reads the whole input again with this
    /// reader, which reports the error the plain reading does, and checks the sum of <see cref="Records"/> against the
    /// limit itself. This reader is not moved.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file has quotes (<see cref="InPlace"/> is false).</exception>
    public IReadOnlyList<BatchCsv> Chunks(int chunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        if (!InPlace)
        {
            throw new InvalidOperationException("A file with quoted fields is read through CsvTable, not in place; it cannot be cut into chunks.");
        }

        var chunks = new List<BatchCsv>((Remaining / chunkBytes) + 1);
        for (var from = position; from < end;)
        {
            var to = end;
            if (end - from > chunkBytes)
            {
                var newline = data.AsSpan(from + chunkBytes - 1, end - from - chunkBytes + 1).IndexOf((byte)'\n');
                to = newline < 0 ? end : from + chunkBytes + newline;
            }

            chunks.Add(new BatchCsv(path, data, from, to, fieldCount, columns, names, limits, quoted: null));
            from = to;
        }

        return chunks;
    }
}
