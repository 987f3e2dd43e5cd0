using Spectre.Console;

namespace Pictor.Cli;

/// <summary>
/// Runs one operation per item, <c>parallel</c> at a time, with a progress bar on a terminal; stops everything at
/// the first fatal error (service unreachable, key refused). Each operation reports its own outcome.
/// </summary>
public static class ItemRunner
{
    public static async Task<FatalError?> RunAsync<T>(IReadOnlyList<T> items, int parallel, string label, bool writes,
        Func<T, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        FatalError? fatal = null;
        async Task Body(T item, Action advance)
        {
            try
            {
                await operation(item, stop.Token);
            }
            catch (Exception e) when (Report.IsFatal(e, writes))
            {
                Interlocked.CompareExchange(ref fatal, new FatalError(e), null);
                await stop.CancelAsync();
            }
            finally
            {
                advance();
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = stop.Token };
        try
        {
            if (Report.Interactive && items.Count > 1)
            {
                await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
                {
                    var task = progress.AddTask(label, maxValue: items.Count);
                    await Parallel.ForEachAsync(items, options, (item, _) => new ValueTask(Body(item, () => task.Increment(1))));
                });
            }
            else
            {
                await Parallel.ForEachAsync(items, options, (item, _) => new ValueTask(Body(item, () => { })));
            }
        }
        catch (OperationCanceledException) when (fatal is not null)
        {
        }
        return fatal;
    }
}

