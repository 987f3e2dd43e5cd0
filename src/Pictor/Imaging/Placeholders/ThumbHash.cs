namespace Pictor.Imaging.Placeholders;

/// <summary>
/// The ThumbHash encoder (Evan Wallace's algorithm, https://github.com/evanw/thumbhash, MIT): a DCT of a small
/// picture in LPQA colour space, quantised into at most 25 bytes (32 with alpha), that front ends decode into a
/// blurred placeholder of the right aspect ratio and average colour. Ported from the reference so that its
/// decoders (npm <c>thumbhash</c>) read our hashes; rounding is the reference's (half up), not .NET's.
/// </summary>
public static class ThumbHash
{
    /// <summary>The largest width or height the reference encodes.</summary>
    public const int MaxSide = 100;

    /// <param name="rgba">Row-major 8-bit RGBA, not premultiplied; <paramref name="width"/> × <paramref name="height"/> × 4 bytes.</param>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgba)
    {
        if (width is < 1 or > MaxSide || height is < 1 or > MaxSide)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}×{height} does not fit in {MaxSide}×{MaxSide}.");
        var count = width * height;
        if (rgba.Length != count * 4) throw new ArgumentException($"Expected {count * 4} bytes of RGBA, got {rgba.Length}.", nameof(rgba));

        // The average colour, weighted by alpha.
        float avgR = 0, avgG = 0, avgB = 0, avgA = 0;
        for (var i = 0; i < count; i++)
        {
            var alpha = rgba[i * 4 + 3] / 255f;
            avgR += alpha / 255f * rgba[i * 4];
            avgG += alpha / 255f * rgba[i * 4 + 1];
            avgB += alpha / 255f * rgba[i * 4 + 2];
            avgA += alpha;
        }
        if (avgA > 0)
        {
            avgR /= avgA;
            avgG /= avgA;
            avgB /= avgA;
        }

        var hasAlpha = avgA < count;
        var luminanceLimit = hasAlpha ? 5 : 7; // fewer luminance terms when alpha takes room
        var longest = Math.Max(width, height);
        var lx = Math.Max(1, Round((float)(luminanceLimit * width) / longest));
        var ly = Math.Max(1, Round((float)(luminanceLimit * height) / longest));

        // LPQA, each pixel composited over the average colour.
        var l = new float[count];
        var p = new float[count];
        var q = new float[count];
        var a = new float[count];
        for (var i = 0; i < count; i++)
        {
            var alpha = rgba[i * 4 + 3] / 255f;
            var r = avgR * (1 - alpha) + alpha / 255f * rgba[i * 4];
            var g = avgG * (1 - alpha) + alpha / 255f * rgba[i * 4 + 1];
            var b = avgB * (1 - alpha) + alpha / 255f * rgba[i * 4 + 2];
            l[i] = (r + g + b) / 3f;
            p[i] = (r + g) / 2f - b;
            q[i] = r - g;
            a[i] = alpha;
        }

        var lChannel = Channel.Encode(Math.Max(3, lx), Math.Max(3, ly), width, height, l);
        var pChannel = Channel.Encode(3, 3, width, height, p);
        var qChannel = Channel.Encode(3, 3, width, height, q);
        var aChannel = hasAlpha ? Channel.Encode(5, 5, width, height, a) : null;

        var isLandscape = width > height;
        var header24 = Round(63f * lChannel.Dc)
            | (Round(31.5f + 31.5f * pChannel.Dc) << 6)
            | (Round(31.5f + 31.5f * qChannel.Dc) << 12)
            | (Round(31f * lChannel.Scale) << 18)
            | (hasAlpha ? 1 << 23 : 0);
        var header16 = (isLandscape ? ly : lx)
            | (Round(63f * pChannel.Scale) << 3)
            | (Round(63f * qChannel.Scale) << 9)
            | (isLandscape ? 1 << 15 : 0);
        var acStart = hasAlpha ? 6 : 5;
        var acCount = lChannel.Ac.Length + pChannel.Ac.Length + qChannel.Ac.Length + (aChannel?.Ac.Length ?? 0);
        var hash = new byte[acStart + (acCount + 1) / 2];
        hash[0] = (byte)header24;
        hash[1] = (byte)(header24 >> 8);
        hash[2] = (byte)(header24 >> 16);
        hash[3] = (byte)header16;
        hash[4] = (byte)(header16 >> 8);
        if (aChannel is not null) hash[5] = (byte)(Round(15f * aChannel.Dc) | (Round(15f * aChannel.Scale) << 4));

        var index = 0;
        foreach (var channel in aChannel is null ? [lChannel, pChannel, qChannel] : new[] { lChannel, pChannel, qChannel, aChannel })
        {
            foreach (var value in channel.Ac)
            {
                hash[acStart + (index >> 1)] |= (byte)(Round(15f * value) << ((index & 1) << 2));
                index++;
            }
        }
        return hash;
    }

    /// <summary>JavaScript's and Java's <c>Math.round</c>: halves go up.</summary>
    private static int Round(float value) => (int)MathF.Floor(value + 0.5f);

    /// <summary>One channel's DCT: the constant term, and the varying terms normalised to 0…1 by their largest magnitude.</summary>
    private sealed class Channel(float dc, float[] ac, float scale)
    {
        public float Dc { get; } = dc;
        public float[] Ac { get; } = ac;
        public float Scale { get; } = scale;

        public static Channel Encode(int nx, int ny, int width, int height, float[] values)
        {
            float dc = 0, scale = 0;
            var ac = new List<float>();
            var fx = new float[width];
            for (var cy = 0; cy < ny; cy++)
            {
                for (var cx = 0; cx * ny < nx * (ny - cy); cx++)
                {
                    for (var x = 0; x < width; x++) fx[x] = (float)Math.Cos(Math.PI / width * cx * (x + 0.5f));
                    float f = 0;
                    for (var y = 0; y < height; y++)
                    {
                        var fy = (float)Math.Cos(Math.PI / height * cy * (y + 0.5f));
                        for (var x = 0; x < width; x++) f += values[x + y * width] * fx[x] * fy;
                    }
                    f /= width * height;
                    if (cx > 0 || cy > 0)
                    {
                        ac.Add(f);
                        scale = Math.Max(scale, Math.Abs(f));
                    }
                    else
                    {
                        dc = f;
                    }
                }
            }
            var normalised = ac.ToArray();
            if (scale > 0)
                for (var i = 0; i < normalised.Length; i++) normalised[i] = 0.5f + 0.5f / scale * normalised[i];
            return new Channel(dc, normalised, scale);
        }
    }
}
