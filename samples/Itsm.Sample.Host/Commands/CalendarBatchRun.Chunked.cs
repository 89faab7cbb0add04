using System.Diagnostics;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <content>
/// The chunked run: the thread pool and this thread read (from the file), check, answer and format chunks of the input side by side, each into
/// its own pooled buffer, and this thread writes the finished ones in file order (answering more chunks itself while the
/// next one to write is not ready, so that a pool slow to start threads delays nothing). <see cref="Core.Calendars.BusinessCalendar"/>
/// is safe for concurrent <c>Add</c> and <c>BusinessTimeBetween</c> (an immutable published timeline, extended under a
/// lock), and each thread has its own block and answers.
/// </content>
internal sealed partial class CalendarBatchRun<TQuery, TAnswer>
{
    /// <summary>
    /// Reads <paramref name="file"/>'s chunks side by side and writes their answers to <paramref name="output"/> in file
    /// order; false, with the output incomplete, when a chunk threw (a bad row, bytes the whole file's checks must judge,
    /// a fault) or the chunks hold more records than the limit: the caller then runs the whole input in order.
    /// </summary>
    private bool RunChunked(BatchCsv.ChunkedFile file, Stream output)
    {
        var wall = Stopwatch.StartNew();
        var count = file.Count;
        var threads = Math.Min(Threads, count);
        var finished = new TaskCompletionSource<(PooledBytes Bytes, int Records)>[count];
        for (var i = 0; i < finished.Length; i++)
        {
            finished[i] = new TaskCompletionSource<(PooledBytes, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // At most two chunks a thread ahead of the writer: memory stays a few chunks' output, not the whole file's.
        using var window = new SemaphoreSlim(threads * 2);
        using var stop = new CancellationTokenSource();
        var lanes = new Lane[threads];
        var helpers = new Task[threads - 1];
        var claimed = -1;
        lanes[0] = new Lane();
        for (var h = 0; h < helpers.Length; h++)
        {
            var lane = lanes[h + 1] = new Lane();
            helpers[h] = Task.Run(() =>
            {
                while (Claim(lane, wait: true))
                {
                }
            });
        }

        var (written, writeTicks, records) = (0, 0L, 0L);
        try
        {
            for (; written < count; written++)
            {
                var task = finished[written].Task;
                while (!task.IsCompleted && Claim(lanes[0], wait: false))
                {
                }

                Task.WaitAny(task);
                if (!task.IsCompletedSuccessfully)
                {
                    break; // a chunk failed (this one, or a later one that stopped this one)
                }

                var started = Stopwatch.GetTimestamp();
                using (var bytes = task.Result.Bytes)
                {
                    bytes.WriteTo(output);
                }

                records += task.Result.Records;
                writeTicks += Stopwatch.GetTimestamp() - started;
                window.Release();
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(helpers);
            for (var i = written; i < finished.Length; i++)
            {
                if (finished[i].Task.IsCompletedSuccessfully)
                {
                    finished[i].Task.Result.Bytes.Dispose();
                }
            }
        }

        if (written < count || records > file.Limits.MaxRows)
        {
            return false;
        }

        foreach (var lane in lanes)
        {
            Add(lane);
        }

        Write += Stopwatch.GetElapsedTime(0, writeTicks);
        (Chunks, Wall) = (count, wall.Elapsed);
        return true;

        // Takes the next chunk (waiting for room in the window, or not at all), reads it from the file and answers it;
        // false when there is none left, no room, or the run is stopping.
        bool Claim(Lane lane, bool wait)
        {
            try
            {
                if (stop.IsCancellationRequested || !window.Wait(wait ? Timeout.Infinite : 0, stop.Token))
                {
                    return false;
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            var index = Interlocked.Increment(ref claimed);
            if (index >= count)
            {
                window.Release();
                return false;
            }

            PooledBytes? bytes = null;
            byte[]? input = null;
            try
            {
                var reading = Stopwatch.GetTimestamp();
                var csv = file.Read(index, out input);
                lane.ReadTicks += Stopwatch.GetTimestamp() - reading;
                var chunk = new PooledBytes(csv.Remaining + 4096);
                bytes = chunk;
                for (var rows = Next(lane, csv); rows > 0 && !stop.IsCancellationRequested; rows = Next(lane, csv))
                {
                    Format(lane, rows, chunk);
                }

                if (stop.IsCancellationRequested)
                {
                    finished[index].SetCanceled(stop.Token);
                    return false;
                }

                finished[index].SetResult((chunk, csv.Records));
                bytes = null;
                return true;
            }
            catch (Exception exception)
            {
                // Every exception ends the chunked run: the caller runs the input again in order, which meets it (or not) as the plain run does.
                finished[index].SetException(exception);
                stop.Cancel();
                return false;
            }
            finally
            {
                bytes?.Dispose();
                if (input is not null)
                {
                    BatchCsv.ChunkedFile.Return(input);
                }
            }
        }
    }
}
