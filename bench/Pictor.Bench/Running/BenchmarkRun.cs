using System.Globalization;
using System.Text.Json;
using Pictor.Bench.Contenders;
using Pictor.Bench.Measuring;
using Pictor.Bench.Reporting;

namespace Pictor.Bench.Running;

/// <summary>
/// The whole benchmark: starts the contenders on loopback, warms them up, runs every workload on each
/// contender in turn (the order rotating each round), then writes the results table and the chart.
/// </summary>
public static class BenchmarkRun
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = RunSettings.From(Options.Parse(args));
        var paths = BenchPaths.Find(settings.Corpus);
        Directory.CreateDirectory(paths.Logs);
        var sources = Source.In(paths);
        var environment = RunEnvironment.Capture(paths);
        var work = Directory.CreateTempSubdirectory("pictor-bench-");
        Log($"work folder {work.FullName}; logs in {paths.Logs}; {settings.Rounds} round(s) of {settings.Seconds} s loads");
        try
        {
            await using var stage = await Stage.StartAsync(paths, sources, work.FullName, settings.PictorEnvironment);
            var plan = new WorkloadPlan(stage, settings, new Wrk(paths.Scripts), new EngineRunner(paths));
            var results = new ResultSet(plan.Build(sources));

            // Every load once on the servers, unmeasured: .NET keeps re-compiling hot methods in the
            // background for the first minute or so (a profile of an early cold load showed 15% of
            // Pictor's CPU in the JIT), and V8 tiers up too. nginx and the loop have nothing to warm.
            Log("warm-up (not measured)");
            foreach (var workload in results.Workloads.Where(w => !w.AfterRounds))
                foreach (var contestant in workload.Contestants.Where(c => c.Name is ContenderNames.Pictor or ContenderNames.Ipx))
                    await contestant.Run();

            for (var round = 0; round < settings.Rounds; round++)
                foreach (var workload in results.Workloads.Where(w => !w.AfterRounds))
                    await RunAsync(results, workload, round, $"round {round + 1}/{settings.Rounds}");
            foreach (var workload in results.Workloads.Where(w => w.AfterRounds))
                await RunAsync(results, workload, 0, "after the rounds");

            environment = environment.Finish();
            Directory.CreateDirectory(paths.Results);
            await File.WriteAllTextAsync(Path.Combine(paths.Logs, "runs.json"), JsonSerializer.Serialize(
                results.Workloads.ToDictionary(w => w.Key, w => results.ContendersOf(w.Key).ToDictionary(c => c, c => results.Runs(w.Key, c))),
                new JsonSerializerOptions { WriteIndented = true }));
            var markdown = Path.Combine(paths.Results, "results.md");
            var chart = Path.Combine(paths.Results, "chart.png");
            await File.WriteAllTextAsync(markdown, ResultsTable.Render(results, environment, settings));
            Chart.Write(results, chart);
            await ReadmeSection.UpdateAsync(Path.Combine(paths.Repository, "README.md"), ResultsTable.Summary(results), environment);
            Log($"wrote {markdown}, {chart} and the table in README.md");
            Console.WriteLine();
            Console.WriteLine(Targets.Evaluate(results).Render());
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(ResultSet results, Workload workload, int round, string when)
    {
        // Alternate who goes first, so a drift in the machine's load does not favour one contender.
        var shift = round % workload.Contestants.Count;
        foreach (var contestant in workload.Contestants.Skip(shift).Concat(workload.Contestants.Take(shift)))
        {
            await Task.Delay(Settle);
            var result = await contestant.Run();
            results.Add(workload.Key, contestant.Name, result);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{when} {workload.Key,-12} {contestant.Name,-13} {result.PerSecond,9:F1}/s  p50 {result.P50Ms,7:F1} ms  p99 {result.P99Ms,7:F1} ms  cpu {result.CpuMsPerRequest * 1000,8:F0} us/req ({result.CpuSeconds / result.Seconds:F2} cores)  peak {result.PeakRssMb,6:F0} MB  failures {result.Failures} (503: {result.Busy}){(result.Up ? "" : "  DOWN")}"));
        }
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
