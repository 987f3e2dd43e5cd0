using NetVips;

namespace Pictor.Tests.Infrastructure;

/// <summary>Generated pictures whose every region is known, for asserting where a crop or pad went.</summary>
public static class TestPictures
{
    public static readonly double[] Red = [255, 0, 0], Green = [0, 255, 0], Blue = [0, 0, 255], Yellow = [255, 255, 0];

    public static Image Block(int width, int height, double[] colour)
    {
        using var black = Image.Black(width, height, bands: 3);
        return black.NewFromImage(colour);
    }

    /// <summary>Three equal bands, first to last: top to bottom when <paramref name="vertical"/>, else left to right.</summary>
    public static byte[] Bands(int band, int across, bool vertical, double[] first, double[] middle, double[] last)
    {
        var (w, h) = vertical ? (across, band) : (band, across);
        using var a = Block(w, h, first);
        using var b = Block(w, h, middle);
        using var c = Block(w, h, last);
        using var joined = Image.Arrayjoin([a, b, c], across: vertical ? 1 : 3);
        return joined.PngsaveBuffer();
    }

    /// <summary>Quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right.</summary>
    public static byte[] Quadrants(int width, int height)
    {
        using var a = Block(width / 2, height / 2, Red);
        using var b = Block(width / 2, height / 2, Green);
        using var c = Block(width / 2, height / 2, Blue);
        using var d = Block(width / 2, height / 2, Yellow);
        using var joined = Image.Arrayjoin([a, b, c, d], across: 2);
        return joined.PngsaveBuffer();
    }

    /// <summary>A flat grey field with one detailed, saturated red-and-yellow checkered object near the right edge.</summary>
    public static byte[] SalientRight(int width, int height, int objectSize)
    {
        using var field = Block(width, height, [128, 128, 128]);
        using var xy = Image.Xyz(objectSize, objectSize);
        using var x = xy[0];
        using var y = xy[1];
        using var checker = ((x / 8).Cast(Enums.BandFormat.Int) + (y / 8).Cast(Enums.BandFormat.Int)) % 2;
        using var red = Block(objectSize, objectSize, Red);
        using var yellow = Block(objectSize, objectSize, Yellow);
        using var mask = checker.Equal(0);
        using var pattern = mask.Ifthenelse(red, yellow);
        using var composed = field.Insert(pattern, width - objectSize - 10, (height - objectSize) / 2);
        return composed.PngsaveBuffer();
    }

    /// <summary>An animation of one solid colour per frame, with the given delays (ms) and loop count.</summary>
    public static byte[] Animation(string suffix, int width, int height, double[][] colours, int[] delays, int loop = 0)
    {
        var frames = colours.Select(c => Block(width, height, c)).ToArray();
        try
        {
            using var strip = Image.Arrayjoin(frames, across: 1);
            using var animated = strip.Mutate(m =>
            {
                m.Set(GValue.GIntType, "page-height", height);
                m.Set(GValue.ArrayIntType, "delay", delays);
                m.Set(GValue.GIntType, "loop", loop);
            });
            return animated.WriteToBuffer(suffix);
        }
        finally
        {
            foreach (var frame in frames) frame.Dispose();
        }
    }

    /// <summary>The mean colour of a region, as 0–255 per band.</summary>
    public static double[] Mean(Image image, int left, int top, int width, int height)
    {
        using var region = image.ExtractArea(left, top, width, height);
        using var stats = region.Stats();
        return Enumerable.Range(0, region.Bands).Select(b => stats.Getpoint(4, b + 1)[0]).ToArray();
    }

    public static bool Near(double[] actual, double[] expected, double tolerance = 40) =>
        expected.Select((e, i) => Math.Abs(actual[i] - e) <= tolerance).All(ok => ok);
}
