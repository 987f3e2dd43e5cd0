using System.Globalization;
using Pictor.Bench.Contenders;
using Pictor.Bench.Measuring;

namespace Pictor.Bench.Running;

/// <summary>The workloads of a run and how each contender takes part in them.</summary>
public sealed class WorkloadPlan(Stage stage, RunSettings settings, Wrk wrk, EngineRunner engine)
{
    public const int ColdConnections = 4;
    public const int HitConnections = 64;
    public const int UploadConnections = 4;
    public const int MemoryConnections = 8;

    /// <summary>Twice what Pictor lets wait by default (Pictor:Derivation:MaxQueue = 64) on top of what it runs.</summary>
    public const int OverloadConnections = 128;

    private const string PictorHealth = "/healthz";
    private int _uploadRuns;

    public IReadOnlyList<Workload> Build(IReadOnlyList<Source> sources)
    {
        var big = sources.Single(s => s.Key == "12mp");
        var workloads = new List<Workload>();
        foreach (var source in sources)
            workloads.Add(new Workload($"cold-{source.Key}", $"Cold derive, {source.Title}",
                $"every request a size not asked before, cover-crop to W×H, JPEG q80; {ColdConnections} connections", ColdConnections, ChartMetric.Throughput,
                [PictorCold(source, ColdConnections), IpxCold(source, ColdConnections), EngineDerive(source)]));

        workloads.Add(new Workload("hit", "Cached hit (200)", $"the same derived image again; {HitConnections} connections", HitConnections, ChartMetric.Throughput,
        [
            OnServer(stage.Pictor.Server, PictorHealth, () => wrk.RunAsync("hit.lua", stage.Pictor.Server.BaseUrl, HitConnections, settings.HitSeconds, stage.PictorHitPath)),
            OnServer(stage.Nginx, stage.NginxHitPath, () => wrk.RunAsync("hit.lua", stage.Nginx.BaseUrl, HitConnections, settings.HitSeconds, stage.NginxHitPath)),
            OnServer(stage.Kestrel, stage.NginxHitPath, () => wrk.RunAsync("hit.lua", stage.Kestrel.BaseUrl, HitConnections, settings.HitSeconds, stage.NginxHitPath)),
        ]));
        workloads.Add(new Workload("revalidate", "Revalidation (304)", $"If-None-Match with the current ETag; {HitConnections} connections", HitConnections, ChartMetric.Throughput,
        [
            OnServer(stage.Pictor.Server, PictorHealth, () => wrk.RunAsync("hit.lua", stage.Pictor.Server.BaseUrl, HitConnections, settings.HitSeconds,
                stage.PictorHitPath, "If-None-Match", stage.PictorETag)),
            OnServer(stage.Nginx, stage.NginxHitPath, () => wrk.RunAsync("hit.lua", stage.Nginx.BaseUrl, HitConnections, settings.HitSeconds,
                stage.NginxHitPath, "If-None-Match", stage.NginxETag)),
            OnServer(stage.Kestrel, stage.NginxHitPath, () => wrk.RunAsync("hit.lua", stage.Kestrel.BaseUrl, HitConnections, settings.HitSeconds,
                stage.NginxHitPath, "If-None-Match", stage.KestrelETag)),
        ]));

        workloads.Add(new Workload("upload", "Upload, JPEG 12 MP", $"PUT of the 2.3 MB original under a new ID each time; {UploadConnections} connections", UploadConnections, ChartMetric.Throughput,
        [
            OnServer(stage.Pictor.Server, PictorHealth, () => wrk.RunAsync("upload.lua", stage.Pictor.Server.BaseUrl, UploadConnections, settings.Seconds,
                big.Path, $"/original/up{NextUploadRun()}-", $"Bearer {PictorServer.ApiKey}")),
            OnServer(stage.Nginx, stage.NginxHitPath, () => wrk.RunAsync("upload.lua", stage.Nginx.BaseUrl, UploadConnections, settings.Seconds,
                big.Path, $"/upload/up{NextUploadRun()}-")),
            new Contestant(ContenderNames.Engine, () => engine.RunAsync("inspect", big.Path, settings.Seconds, big.BaseSize)),
        ]));

        workloads.Add(new Workload("memory", $"Cold derive 12 MP, {MemoryConnections} connections", $"as the cold derive of the {big.Title}, with {MemoryConnections} connections", MemoryConnections, ChartMetric.PeakRss,
            [PictorCold(big, MemoryConnections), IpxCold(big, MemoryConnections)]));
        workloads.Add(new Workload("overload", $"Overload: 12 MP, {OverloadConnections} connections", $"as the cold derive of the {big.Title}, with {OverloadConnections} connections: more than Pictor runs and queues by default (cores + 1, and 64 waiting)", OverloadConnections, ChartMetric.PeakRss,
            [PictorCold(big, OverloadConnections), IpxCold(big, OverloadConnections)], AfterRounds: true));
        return workloads.Where(w => settings.Includes(w.Key)).ToList();
    }

    /// <summary>A fresh ID per run (uploaded before the measurement), so every size asked is new to Pictor.</summary>
    private Contestant PictorCold(Source source, int connections) => new(ContenderNames.Pictor, async () =>
    {
        var id = await stage.Pictor.UploadAsync(source.Path, $"cold-{source.Key}");
        return await Measure(stage.Pictor.Server, PictorHealth, () => wrk.RunAsync("cold.lua", stage.Pictor.Server.BaseUrl, connections, settings.Seconds,
            $"/derived/{id}-{{w}}x{{h}}.jpg", source.BaseWidth, source.BaseHeight));
    });

    private Contestant IpxCold(Source source, int connections) =>
        OnServer(stage.Ipx, stage.IpxHealthPath, () => wrk.RunAsync("cold.lua", stage.Ipx.BaseUrl, connections, settings.Seconds,
            IpxServer.ColdTemplate(source.FileName), source.BaseWidth, source.BaseHeight));

    private Contestant EngineDerive(Source source) =>
        new(ContenderNames.Engine, () => engine.RunAsync("derive", source.Path, settings.Seconds, source.BaseSize));

    private static Contestant OnServer(ServerProcess server, string healthPath, Func<Task<LoadResult>> load) =>
        new(server.Name, () => Measure(server, healthPath, load));

    private static async Task<LoadResult> Measure(ServerProcess server, string healthPath, Func<Task<LoadResult>> load)
    {
        var result = await ServerLoad.MeasureAsync(server.Pid, load);
        return result with { Up = await server.AnswersAsync(healthPath) };
    }

    private string NextUploadRun() => Interlocked.Increment(ref _uploadRuns).ToString(CultureInfo.InvariantCulture);
}
