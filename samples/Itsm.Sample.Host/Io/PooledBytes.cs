using System.Buffers;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Output bytes in a buffer rented from the shared pool: either passed on to a stream whenever it fills (one buffer
/// reused for a whole output), or kept and grown (a chunk of an output formatted ahead of its turn, written out later
/// with <see cref="WriteTo"/>). <see cref="Dispose"/> gives the buffer back. Not thread-safe: one writer at a time.
/// </summary>
internal sealed class PooledBytes : IDisposable
{
    private readonly Stream? flushTo;
    private byte[] buffer;
    private int used;

    /// <summary>A buffer of at least <paramref name="capacity"/> bytes; with <paramref name="flushTo"/>, what is written goes there whenever it fills.</summary>
    public PooledBytes(int capacity, Stream? flushTo = null)
    {
        this.flushTo = flushTo;
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    }

    /// <summary>The bytes written and not yet passed on.</summary>
    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, used);

    /// <summary>Room for at least <paramref name="needed"/> bytes at the end of what is written; <see cref="Advance"/> says how many were used.</summary>
    public Span<byte> Reserve(int needed)
    {
        if (buffer.Length - used < needed)
        {
            MakeRoom(needed);
        }

        return buffer.AsSpan(used);
    }

    /// <summary>Counts <paramref name="count"/> bytes of the span <see cref="Reserve"/> gave as written.</summary>
    public void Advance(int count) => used += count;

    /// <summary>Writes what is held to <paramref name="output"/> and empties the buffer.</summary>
    public void WriteTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(buffer, 0, used);
        used = 0;
    }

    /// <summary>Gives the buffer back to the pool (what is held and not written is dropped).</summary>
    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            used = 0;
        }
    }

    private void MakeRoom(int needed)
    {
        if (flushTo is not null)
        {
            WriteTo(flushTo);
            if (buffer.Length >= needed)
            {
                return;
            }
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, used + needed));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
