using System.Security.Cryptography;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Crash;

/// <summary>
/// Distinct real images (each tinted differently, so each has its own bytes) in the accepted formats
/// and in sizes from thumbnail to photo, so uploads and derives take from a millisecond to tens of them.
/// </summary>
public sealed class ImagePool
{
    public sealed record Entry(byte[] Bytes, string Sha256);

    private readonly List<Entry> _entries = [];

    public ImagePool(int count)
    {
        using var photo = Image.Thumbnail(Corpus.Path("bench/harvesters-2725x2225.jpg"), 1600);
        using var source = photo.CopyMemory();
        string[] formats = [".jpg", ".jpg", ".png", ".webp", ".jpg", ".gif"];
        for (var i = 0; i < count; i++)
        {
            var width = 120 + i * 37 % 1480;
            using var scaled = source.Resize((double)width / source.Width);
            using var tinted = scaled.Linear([1.0, 1.0, 1.0], [i % 7 * 3.0, i % 5 * 4.0, i % 3 * 5.0]).Cast(Enums.BandFormat.Uchar);
            var format = formats[i % formats.Length];
            var bytes = format == ".jpg" ? tinted.JpegsaveBuffer(q: 80) : tinted.WriteToBuffer(format);
            _entries.Add(new Entry(bytes, Hash(bytes)));
        }
    }

    public Entry Pick(Random random) => _entries[random.Next(_entries.Count)];

    /// <summary>An entry other than the one with <paramref name="sha256"/>, so a replacement is visible.</summary>
    public Entry PickOtherThan(string? sha256, Random random)
    {
        while (true)
        {
            var entry = Pick(random);
            if (entry.Sha256 != sha256) return entry;
        }
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
