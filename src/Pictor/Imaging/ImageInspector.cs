using Microsoft.Extensions.Options;
using NetVips;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Imaging.Placeholders;
using Pictor.Problems;

namespace Pictor.Imaging;

/// <summary>
/// Decides whether an upload is an image we keep: format from the magic bytes, limits from the header
/// before any pixel is decoded, then one complete decode that fails on truncation or corruption.
/// </summary>
public sealed class ImageInspector(IOptions<LimitsOptions> limits)
{
    public ImageFormat Sniff(string path)
    {
        Span<byte> head = stackalloc byte[FormatSniffer.HeaderLength];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return FormatSniffer.Sniff(head[..read]);
    }

    /// <summary>Checks the header against the limits; cheap, decodes nothing. Throws 4xx problems.</summary>
    public ImageInfo ReadHeader(string path, ImageFormat format)
    {
        using var header = Guard(format, "header", () => Loaders.Open(path, format, Enums.FailOn.Error));
        var (width, height) = (header.Width, header.PageHeight);
        var frames = Loaders.Frames(header, format);
        if (width <= 0 || height <= 0)
            throw ProblemException.CorruptImage($"The {format.Name()} header gives a size of {width}×{height}.");

        var pixels = (long)width * height * frames;
        var max = limits.Value.MaxPixels;
        if (pixels > max)
            throw ProblemException.OverLimits(
                $"The image is {width}×{height}{(frames > 1 ? $" × {frames} frames" : "")} = {pixels:N0} pixels; at most {max:N0} are accepted (Pictor:Limits:MaxPixels).");

        return Loaders.SwapsAxes(header)
            ? new ImageInfo(format, height, width, frames, header.HasAlpha())
            : new ImageInfo(format, width, height, frames, header.HasAlpha());
    }

    /// <summary>
    /// Decodes every pixel (every frame of an animation) once; truncated or corrupt data fails. The same decode
    /// gives the placeholder (<see cref="PlaceholderPixels"/>), of the largest level's pixels when the image has
    /// levels, so that it is the same whether the upload made it or <c>check --repair</c> fills it in later.
    /// </summary>
    public Placeholder Validate(string path, ImageFormat format) => Decode(path, format, encodeLevels: false).Placeholder;

    private static void RefuseTruncatedGif(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (GifFraming.FindTruncation(file) is { } where)
            throw ProblemException.CorruptImage($"The gif data is truncated: {where}.");
    }

    /// <summary>
    /// An upload's inspection as it was before levels (the bench's baseline): header, then one complete decode
    /// with the placeholder taken from the original's own pixels.
    /// </summary>
    public ImageInfo Inspect(string path)
    {
        var format = Sniff(path);
        var info = ReadHeader(path, format);
        if (format == ImageFormat.Gif) RefuseTruncatedGif(path);
        return info with
        {
            Placeholder = Guard(format, "data", () =>
            {
                using var image = Loaders.Open(path, format, Enums.FailOn.Warning, allFrames: true);
                return PlaceholderPixels.Decode(image);
            }),
        };
    }

    /// <summary>
    /// As <see cref="Inspect"/>, and makes the levels of a still image from the same complete decode
    /// (<see cref="LevelMaker"/>): validation, placeholder and levels read the pixels once.
    /// </summary>
    public Inspection InspectWithLevels(string path)
    {
        var format = Sniff(path);
        var info = ReadHeader(path, format);
        var (placeholder, levels) = Decode(path, format, encodeLevels: true);
        return new Inspection(info with { Placeholder = placeholder }, levels);
    }

    /// <summary>Decodes every pixel once, failing as <see cref="Validate"/> does, and makes the levels on the way.</summary>
    public IReadOnlyList<EncodedLevel> MakeLevels(string path, ImageFormat format) => Decode(path, format, encodeLevels: true).Levels;

    /// <summary>The one complete decode: the largest level's pixels first when the image has levels, the placeholder of them.</summary>
    private static (Placeholder Placeholder, IReadOnlyList<EncodedLevel> Levels) Decode(string path, ImageFormat format, bool encodeLevels)
    {
        if (format == ImageFormat.Gif) RefuseTruncatedGif(path);
        return Guard(format, "data", () =>
        {
            using var image = Loaders.Open(path, format, Enums.FailOn.Warning, allFrames: true);
            var (width, height) = Loaders.SwapsAxes(image) ? (image.PageHeight, image.Width) : (image.Width, image.PageHeight);
            var sizes = Levels.For(width, height, Loaders.Frames(image, format));
            if (sizes.Count == 0) return (PlaceholderPixels.Decode(image), (IReadOnlyList<EncodedLevel>)[]);
            using var largest = LevelMaker.Largest(image, sizes[0]);
            return (PlaceholderPixels.Decode(largest), encodeLevels ? LevelMaker.Encode(largest, sizes) : []);
        });
    }

    private static T Guard<T>(ImageFormat format, string part, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (VipsException e)
        {
            throw ProblemException.CorruptImage($"The {format.Name()} {part} could not be decoded: {FirstLine(e.Message)}");
        }
    }

    /// <summary>The loader's own words from a libvips error, without NetVips' preamble; at most 300 characters.</summary>
    internal static string FirstLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // NetVips prefixes "unable to call …"; the loader's own words follow.
        var useful = lines.Where(l => !l.StartsWith("unable to call", StringComparison.Ordinal)).Take(2);
        var text = string.Join(" ", useful);
        return text.Length == 0 ? "decoder error" : text.Length > 300 ? text[..300] : text;
    }
}
