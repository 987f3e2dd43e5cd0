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
                [PictorCold(source, ColdConnections, settings.Seconds), IpxCold(source, ColdConnections), EngineDerive(source)]));

        var fiveMp = sources.Single(s => s.Key == "5mp");
        foreach (var format in new[] { "webp", "avif" })
        {
            var seconds = format == "avif" ? settings.AvifSeconds : settings.Seconds;
            workloads.Add(new Workload($"cold-out-{format}", $"Cold derive, {fiveMp.Title} to {format.ToUpperInvariant()}",
                $"as the cold derive of the {fiveMp.Title}, output {format.ToUpperInvariant()} at the default quality (80 WebP, 50 AVIF; sharp's too); {ColdConnections} connections",
                ColdConnections, ChartMetric.Throughput,
                [PictorCold(fiveMp, ColdConnections, seconds, $"/derived/{{id}}-{{w}}x{{h}}.{format}"),
                 OnServer(stage.Ipx, stage.IpxHealthPath, () => wrk.RunAsync("cold.lua", stage.Ipx.BaseUrl, ColdConnections, seconds,
                     IpxServer.ColdTemplate(fiveMp.FileName, format), fiveMp.BaseWidth, fiveMp.BaseHeight)),
                 EngineDerive(fiveMp, format, seconds)]));
        }
        workloads.Add(new Workload("cold-auto", $"Cold derive, {fiveMp.Title}, auto format for a browser",
            $"w_W,h_H.auto with Chrome's Accept ({ChromeAccept}): Pictor answers AVIF; ipx is asked for f_avif (its auto needs its middleware); {ColdConnections} connections",
            ColdConnections, ChartMetric.Throughput,
            [PictorCold(fiveMp, ColdConnections, settings.AvifSeconds, "/derived/{id}/w_{w},h_{h}.auto", "Accept", ChromeAccept),
             OnServer(stage.Ipx, stage.IpxHealthPath, () => wrk.RunAsync("cold.lua", stage.Ipx.BaseUrl, ColdConnections, settings.AvifSeconds,
                 IpxServer.ColdTemplate(fiveMp.FileName, "avif"), fiveMp.BaseWidth, fiveMp.BaseHeight)),
             EngineDerive(fiveMp, "avif", settings.AvifSeconds)]));
        workloads.Add(new Workload("srcset", "Srcset burst, 12 MP upload",
            $"right after an upload, {SrcsetBurst.Requests.Count} requests at once ({string.Join(", ", SrcsetBurst.Requests.Select(r => r.Width).Distinct())} wide, c_limit, WebP and AVIF) over {SrcsetBurst.Connections} connections; bursts back to back, p50/p99 per burst",
            SrcsetBurst.Connections, ChartMetric.Throughput,
            [
                new Contestant(ContenderNames.Pictor, async () =>
                {
                    var result = await SrcsetBurst.RunAsync(stage.Pictor.Server.Pid, stage.Pictor.Server.BaseUrl, settings.Seconds, async () =>
                    {
                        var id = await stage.Pictor.UploadAsync(big.Path, "srcset");
                        return [.. SrcsetBurst.Requests.Select(r => $"/derived/{id}/w_{r.Width},c_limit.{r.Format}")];
                    });
                    return result with { Up = await stage.Pictor.Server.AnswersAsync(PictorHealth) };
                }),
                new Contestant(ContenderNames.Ipx, async () =>
                {
                    var result = await SrcsetBurst.RunAsync(stage.Ipx.Pid, stage.Ipx.BaseUrl, settings.Seconds,
                        () => Task.FromResult<IReadOnlyList<string>>([.. SrcsetBurst.Requests.Select(r => IpxServer.LimitPath(big.FileName, r.Width, r.Format))]));
                    return result with { Up = await stage.Ipx.AnswersAsync(stage.IpxHealthPath) };
                }),
                new Contestant(ContenderNames.Engine, () => engine.RunAsync("srcset", big.Path, settings.Seconds, big.BaseSize)),
            ]));

        workloads.Add(new Workload("hit", "Cached hit (200)", $"the same derived image again; {HitConnections} connections; each measurement after {HitPrimeSeconds} s of the same load, unmeasured", HitConnections, ChartMetric.Throughput,
        [
            Hits(stage.Pictor.Server, PictorHealth, stage.PictorHitPath),
            Hits(stage.Nginx, stage.NginxHitPath, stage.NginxHitPath),
            Hits(stage.Kestrel, stage.NginxHitPath, stage.NginxHitPath),
        ]));
        workloads.Add(new Workload("revalidate", "Revalidation (304)", $"If-None-Match with the current ETag; {HitConnections} connections; each measurement after {HitPrimeSeconds} s of the same load, unmeasured", HitConnections, ChartMetric.Throughput,
        [
            Hits(stage.Pictor.Server, PictorHealth, stage.PictorHitPath, "If-None-Match", stage.PictorETag),
            Hits(stage.Nginx, stage.NginxHitPath, stage.NginxHitPath, "If-None-Match", stage.NginxETag),
            Hits(stage.Kestrel, stage.NginxHitPath, stage.NginxHitPath, "If-None-Match", stage.KestrelETag),
        ]));

        workloads.Add(new Workload("upload", "Upload, JPEG 12 MP, with levels", $"PUT of the 2.3 MB original under a new ID each time (validated, and its levels 2048, 1448, 1024, 724, 512 made and stored); the NetVips loop validates and makes the levels; {UploadConnections} connections", UploadConnections, ChartMetric.Throughput,
        [
            OnServer(stage.Pictor.Server, PictorHealth, () => wrk.RunAsync("upload.lua", stage.Pictor.Server.BaseUrl, UploadConnections, settings.Seconds,
                big.Path, $"/original/up{NextUploadRun()}-", $"Bearer {PictorServer.ApiKey}")),
            OnServer(stage.Nginx, stage.NginxHitPath, () => wrk.RunAsync("upload.lua", stage.Nginx.BaseUrl, UploadConnections, settings.Seconds,
                big.Path, $"/upload/up{NextUploadRun()}-")),
            new Contestant(ContenderNames.Engine, () => engine.RunAsync("inspect", big.Path, settings.Seconds, big.BaseSize)),
        ]));

        workloads.Add(new Workload("memory", $"Cold derive 12 MP, {MemoryConnections} connections", $"as the cold derive of the {big.Title}, with {MemoryConnections} connections", MemoryConnections, ChartMetric.PeakRss,
            [PictorCold(big, MemoryConnections, settings.Seconds), IpxCold(big, MemoryConnections)]));
        workloads.Add(new Workload("overload", $"Overload: 12 MP, {OverloadConnections} connections", $"as the cold derive of the {big.Title}, with {OverloadConnections} connections: more than Pictor runs and queues by default (cores + 1, and 64 waiting)", OverloadConnections, ChartMetric.PeakRss,
            [PictorCold(big, OverloadConnections, settings.Seconds), IpxCold(big, OverloadConnections)], AfterRounds: true));
        return workloads.Where(w => settings.Includes(w.Key)).ToList();
    }

    /// <summary>Chrome's Accept for images.</summary>
    private const string ChromeAccept = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

    /// <summary>A fresh ID per run (uploaded before the measurement), so every size asked is new to Pictor.</summary>
    /// <param name="template">The path, with {id}, {w} and {h}.</param>
    /// <param name="seconds">The measured window.</param>
    private Contestant PictorCold(Source source, int connections, int seconds, string template = "/derived/{id}-{w}x{h}.jpg", params string[] header) => new(ContenderNames.Pictor, async () =>
    {
        var id = await stage.Pictor.UploadAsync(source.Path, $"cold-{source.Key}");
        return await Measure(stage.Pictor.Server, PictorHealth, () => wrk.RunAsync("cold.lua", stage.Pictor.Server.BaseUrl, connections, seconds,
            [template.Replace("{id}", id, StringComparison.Ordinal), source.BaseWidth, source.BaseHeight, .. header]));
    });

    private Contestant IpxCold(Source source, int connections) =>
        OnServer(stage.Ipx, stage.IpxHealthPath, () => wrk.RunAsync("cold.lua", stage.Ipx.BaseUrl, connections, settings.Seconds,
            IpxServer.ColdTemplate(source.FileName), source.BaseWidth, source.BaseHeight));

    private Contestant EngineDerive(Source source, string format = "jpeg", int? seconds = null) =>
        new(ContenderNames.Engine, () => engine.RunAsync("derive", source.Path, seconds ?? settings.Seconds, source.BaseSize, format));

    /// <summary>
    /// Seconds of the same hit load, unmeasured, right before each measured one. Without it the contender that
    /// went first in a round did best whoever it was (hits at 64 connections, 3 rounds: Pictor 19.2k/s first,
    /// 13.7k and 13.0k after another server's load; nginx and bare Kestrel alike), and the 5-second windows
    /// measured the hand-over as much as the server.
    /// </summary>
    public const int HitPrimeSeconds = 2;

    /// <summary>The hit script on <paramref name="server"/>: primed (<see cref="HitPrimeSeconds"/>), then measured.</summary>
    private Contestant Hits(ServerProcess server, string healthPath, params string[] scriptArguments) =>
        new(server.Name, async () =>
        {
            await wrk.RunAsync("hit.lua", server.BaseUrl, HitConnections, HitPrimeSeconds, scriptArguments);
            return await Measure(server, healthPath, () => wrk.RunAsync("hit.lua", server.BaseUrl, HitConnections, settings.HitSeconds, scriptArguments));
        });

    private static Contestant OnServer(ServerProcess server, string healthPath, Func<Task<LoadResult>> load) =>
        new(server.Name, () => Measure(server, healthPath, load));

    private static async Task<LoadResult> Measure(ServerProcess server, string healthPath, Func<Task<LoadResult>> load)
    {
        var result = await ServerLoad.MeasureAsync(server.Pid, load);
        return result with { Up = await server.AnswersAsync(healthPath) };
    }

    private string NextUploadRun() => Interlocked.Increment(ref _uploadRuns).ToString(CultureInfo.InvariantCulture);
}
