using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging;
using Pictor.Problems;

namespace Pictor.Derivation;

/// <summary>
/// <c>Pictor:EagerPresets</c>: after an upload or replace has been answered, makes those presets in the background,
/// one at a time and only while no request waits for an imaging slot, through the same single-flight path as a
/// request (so a request arriving meanwhile shares the generation). The queue is in memory: if the process dies
/// first, the variant is simply made on its first request.
/// </summary>
public sealed class EagerDerivations(
    DerivedImageService derived,
    TransformParser parser,
    ImagingGate gate,
    IOptions<PictorOptions> options,
    ILogger<EagerDerivations> logger) : BackgroundService
{
    private static readonly TimeSpan YieldDelay = TimeSpan.FromMilliseconds(50);
    private readonly Channel<ImageId> _queue = Channel.CreateUnbounded<ImageId>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IReadOnlyList<EagerPreset> _presets = options.Value.EagerPresets
        .Select(e => EagerPreset.TryParse(e, out var p, out _) ? p : null).OfType<EagerPreset>().ToList(); // validated at start

    public bool Enabled => _presets.Count > 0;

    /// <summary>Queues the eager presets of <paramref name="id"/> (call once its upload has been answered).</summary>
    public void Enqueue(ImageId id)
    {
        if (Enabled) _queue.Writer.TryWrite(id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
                foreach (var preset in _presets)
                    foreach (var format in preset.Formats)
                        await MakeAsync(id, preset.Preset, format, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task MakeAsync(ImageId id, string preset, ImageFormat format, CancellationToken stoppingToken)
    {
        while (!gate.IsIdle) await Task.Delay(YieldDelay, stoppingToken);
        try
        {
            var spec = parser.Parse(id.Value, $"t_{preset}.{format.Extension()}").For(format);
            await derived.GetAsync(spec, stoppingToken);
        }
        catch (ProblemException e)
        {
            // Deleted meanwhile, or busy after all: the variant is made on its first request.
            logger.LogInformation("Eager preset {Preset}.{Format} of {Id} not made: {Detail}", preset, format.Extension(), id, e.Detail);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Eager preset {Preset}.{Format} of {Id} failed; it is made on its first request", preset, format.Extension(), id);
        }
    }
}
