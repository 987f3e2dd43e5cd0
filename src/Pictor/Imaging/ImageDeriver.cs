using Microsoft.Extensions.Options;
using NetVips;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging.Steps;

namespace Pictor.Imaging;

/// <summary>
/// Makes one derived image: the layout is planned from the source's recorded size (<see cref="Geometry"/>),
/// then load → orient → colour → resize → crop → pad → flatten → encode, each a step of its own sharing one
/// <see cref="DeriveContext"/>. The order is fixed, so equal requests give equal bytes; the frames of an
/// animation go through the frame steps one by one and are joined again before encoding.
/// </summary>
public sealed class ImageDeriver(IOptions<EncodingOptions> encoding, IOptions<LimitsOptions> limits)
{
    private static readonly LoadStep Loader = new();
    private static readonly IFrameStep[] FrameSteps = [new OrientStep(), new ColourStep(), new ResizeStep(), new CropStep(), new PadStep(), new FlattenStep()];
    private static readonly EncodeStep Encoder = new();

    /// <param name="source">The source's format and upright size, as inspection recorded them at upload.</param>
    /// <param name="focus">The original's focal point, if one is stored.</param>
    public DerivedPixels Derive(string sourcePath, ImageInfo source, TransformOptions options, FocalPoint? focus = null) =>
        Derive(sourcePath, source, options, Plan(source, options, focus));

    /// <summary>The layout of a derive of <paramref name="original"/>, whatever it is then made from.</summary>
    public Layout Plan(ImageInfo original, TransformOptions options, FocalPoint? focus = null) =>
        Geometry.Plan(original.Width, original.Height, options, limits.Value.MaxDimension, focus);

    /// <summary>
    /// Makes the image <paramref name="layout"/> describes from <paramref name="source"/>, which may be the
    /// original or a smaller upright copy of it (a level): the steps scale from the pixels at hand.
    /// </summary>
    public DerivedPixels Derive(string sourcePath, ImageInfo source, TransformOptions options, Layout layout)
    {
        var context = new DeriveContext
        {
            SourcePath = sourcePath, Source = source, Options = options, Encoding = encoding.Value, MaxFrames = limits.Value.MaxFrames,
            Layout = layout,
        };
        using var loaded = Loader.Load(context);
        using var processed = context.Frames == 1 ? Process(loaded, context) : ProcessFrames(loaded, context);
        return new DerivedPixels(Encoder.Encode(processed, context), processed.Width, processed.Height / context.Frames);
    }

    private static Image Process(Image image, DeriveContext context)
    {
        var current = image.Copy(); // the caller disposes its own reference
        foreach (var step in FrameSteps)
        {
            var next = step.Apply(current, context);
            if (!ReferenceEquals(next, current)) current.Dispose();
            current = next;
        }
        return current;
    }

    /// <summary>Every frame alike (the first decides a smart crop), then one strip again with the timing kept.</summary>
    private static Image ProcessFrames(Image strip, DeriveContext context)
    {
        var pageHeight = strip.Height / context.Frames;
        var frames = new List<Image>(context.Frames);
        try
        {
            for (var i = 0; i < context.Frames; i++)
            {
                using var frame = strip.ExtractArea(0, i * pageHeight, strip.Width, pageHeight);
                frames.Add(Process(frame, context));
            }
            using var joined = Image.Arrayjoin([.. frames], across: 1);
            var height = frames[0].Height;
            return joined.Mutate(m =>
            {
                m.Set(GValue.GIntType, "page-height", height);
                m.Set(GValue.GIntType, "loop", context.Loop);
                if (context.Delays is { } delays) m.Set(GValue.ArrayIntType, "delay", delays.Take(context.Frames).ToArray());
            });
        }
        finally
        {
            foreach (var frame in frames) frame.Dispose();
        }
    }
}
