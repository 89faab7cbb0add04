using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <content>
/// The chunked run: the thread pool and this thread read, answer and format chunks of the input side by side, each into
/// its own pooled buffer, and this thread writes the finished ones in file order (answering more chunks itself while the
/// next one to write is not ready, so that a pool slow to start threads delays nothing). <see cref="Core.Calendars.BusinessCalendar"/>
/// is safe for concurrent <c>Add</c> and <c>BusinessTimeBetween</c> (an immutable published timeline, extended under a
/// lock), and each thread has its own block and answers.
/// </content>
internal sealed partial class CalendarBatchRun<TQuery, TAnswer>
{
    /// <summary>
    /// Reads <paramref name="csv"/>'s rows in chunks side by side and writes their answers to <paramref name="output"/> in
    /// file order. When a chunk meets a bad row the output so far is incomplete and the run fails: it reads the whole
    /// input again in order (<see cref="FailInOrder"/>) for the error the plain reading meets first.
    /// </summary>
    /// <exception cref="InputException">A row is bad, or its answer out of the engine's range: the first such row the plain reading meets.</exception>
    private void RunChunked(BatchCsv csv, Stream output)
    {
        var wall = Stopwatch.StartNew();
        var chunks = csv.Chunks(ChunkBytes);
        var threads = Math.Min(Threads, chunks.Count);
        var finished = new TaskCompletionSource<PooledBytes>[chunks.Count];
        for (var i = 0; i < finished.Length; i++)
        {
            finished[i] = new TaskCompletionSource<PooledBytes>(TaskCreationOptions.RunContinuationsAsynchronously);
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

        var written = 0;
        var writeTicks = 0L;
        try
        {
            for (; written < chunks.Count; written++)
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
                using (var bytes = task.Result)
                {
                    bytes.WriteTo(output);
                }

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
                    finished[i].Task.Result.Dispose();
                }
            }
        }

        var failures = finished.Where(f => f.Task.IsFaulted).Select(f => f.Task.Exception!.InnerException!).ToList();
        if (failures.FirstOrDefault(f => f is not InputException) is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault); // a fault, not a bad row: no reason to read again
        }

        if (written < chunks.Count || chunks.Sum(c => (long)c.Records) > csv.Limits.MaxRows)
        {
            FailInOrder(csv, failures.FirstOrDefault());
        }

        foreach (var lane in lanes)
        {
            Add(lane);
        }

        Write += Stopwatch.GetElapsedTime(0, writeTicks);
        (Chunks, Wall) = (chunks.Count, wall.Elapsed);

        // Takes the next chunk (waiting for room in the window, or not at all) and answers it; false when there is none
        // left, no room, or the run is stopping.
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
            if (index >= chunks.Count)
            {
                window.Release();
                return false;
            }

            PooledBytes? bytes = null;
            try
            {
                var chunk = new PooledBytes(chunks[index].Remaining + 4096);
                bytes = chunk;
                for (var count = Next(lane, chunks[index]); count > 0 && !stop.IsCancellationRequested; count = Next(lane, chunks[index]))
                {
                    Format(lane, count, chunk);
                }

                if (stop.IsCancellationRequested)
                {
                    finished[index].SetCanceled(stop.Token);
                    return false;
                }

                finished[index].SetResult(chunk);
                bytes = null;
                return true;
            }
            catch (Exception exception)
            {
                // Every exception ends the run: the writer reports it, or reads the input again for a bad row's own error.
                finished[index].SetException(exception);
                stop.Cancel();
                return false;
            }
            finally
            {
                bytes?.Dispose();
            }
        }
    }

    /// <summary>
    /// After a chunk's error (or more records than the limit in all), reads the whole input again in order, writing
    /// nothing, so that the error thrown is the one the plain reading meets first: its line, its block's order (a bad row
    /// before a block's answers, which are computed after the block is read), the row limit.
    /// </summary>
    private void FailInOrder(BatchCsv csv, Exception? failure)
    {
        (Rows, Chunks) = (0, 0);
        var lane = new Lane();
        while (Next(lane, csv) > 0)
        {
        }

        // Cannot happen: every chunk reads rows the plain reading reads. Should it, the chunk's own error is still the row's.
        ExceptionDispatchInfo.Throw(failure ?? new InvalidOperationException("The chunks read more records than the limit, the input in order did not."));
    }
}
