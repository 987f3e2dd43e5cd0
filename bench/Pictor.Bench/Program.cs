using Pictor.Bench.Engine;
using Pictor.Bench.Running;

// run [--quick] [--rounds N] [--seconds S] [--hit-seconds S] [--only KEY,…] [--corpus DIR]
//     the whole benchmark: contenders, loads, results table and chart (bench/run.sh runs this)
// engine derive|inspect --source FILE [--seconds S] [--workers N] [--base WxH]
//     the raw NetVips loop, a contender the runner starts in its own process
// levels [--corpus DIR] [--output FILE]
//     what levels cost (storage, upload time) and give (derive time, SSIM against the original): bench/results/levels.md
// levels-sheet [--corpus DIR] [--output FILE]
//     one request per source from the original and from its level, side by side: bench/results/levels-sheet.jpg
// stages [--corpus DIR] [--output FILE]
//     where a cold derive's CPU goes (whole derive from original and level, encode alone): bench/results/stages.md
// kestrel --file FILE --port P --path /PATH
//     a bare Kestrel endpoint serving FILE from memory, the limit for cached hits (started by the runner)
return args.FirstOrDefault() switch
{
    "run" => await BenchmarkRun.RunAsync(args[1..]),
    "engine" => EngineLoop.Run(args[1..]),
    "levels" => Pictor.Bench.Quality.LevelsReport.Run(args[1..]),
    "levels-sheet" => Pictor.Bench.Quality.LevelsSheet.Run(args[1..]),
    "stages" => Pictor.Bench.Profiling.StagesReport.Run(args[1..]),
    "kestrel" => Pictor.Bench.Contenders.BareKestrel.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Pictor.Bench run [--quick] [--rounds N] [--seconds S] [--only KEY,…] | engine derive|inspect --source FILE [--seconds S] [--workers N] [--base WxH]");
    return 2;
}
