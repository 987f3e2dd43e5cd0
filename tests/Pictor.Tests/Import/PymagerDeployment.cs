using System.Security.Cryptography;
using System.Text;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Import;

/// <summary>
/// A pymager deployment on disk: its database and its data directory, the originals where pymager's
/// NestedPathGenerator put them (pictures/ + the SHA-1 of the ID without its last two characters in
/// two-character folders + {sha1}.{ext}), its cache of derived images, and what Pictor should make of each.
/// </summary>
public sealed class PymagerDeployment
{
    public enum Fate { Imported, Convertible, Inconsistent, MissingFile, Mismatch, RefusedId, Unconvertible, Refused }

    /// <param name="Pixels">For a convertible file: the pixels the PNG must hold, <paramref name="Bands"/> per pixel.</param>
    public sealed record Original(PymagerRow Row, Fate Fate, byte[]? File, byte[]? Pixels = null, int Bands = 0);

    private static readonly DateTime Start = new(2009, 3, 14, 15, 9, 26, 535, 897, DateTimeKind.Utc);
    private readonly List<Original> _originals = [];
    private readonly List<PymagerRow> _derived = [];

    private PymagerDeployment(string dataDirectory, PymagerDatabase database)
    {
        DataDirectory = dataDirectory;
        Database = database;
    }

    public string DataDirectory { get; }

    public PymagerDatabase Database { get; }

    public IReadOnlyList<Original> Originals => _originals;

    public int DerivedCount => _derived.Count;

    public IEnumerable<Original> With(params Fate[] fates) => _originals.Where(o => fates.Contains(o.Fate));

    /// <summary>
    /// A deployment of <paramref name="photos"/> originals that import as they are (the given corpus images
    /// reused under many IDs) and, unless <paramref name="photosOnly"/>, every kind of row an import must skip.
    /// </summary>
    public static async Task<PymagerDeployment> CreateAsync(string folder, PymagerDatabase database, int photos, IReadOnlyList<string> images, bool photosOnly = false)
    {
        var deployment = new PymagerDeployment(Path.Combine(folder, "pymager-data"), database);
        var files = images.Select(Corpus.Bytes).ToList();
        for (var i = 0; i < photos; i++)
            deployment.Add(i % 7 == 0 ? $"user_{i}-avatar" : $"photo-{i:D4}", Fate.Imported, files[i % files.Count]);
        if (!photosOnly) deployment.AddTroubles(files);
        for (var i = 0; i < 12; i++)
        {
            var original = deployment._originals[i].Row;
            var derived = new PymagerRow($"{original.Id}-{100 + i}x100.jpg", "OK", original.Date.AddDays(1), 100 + i, 100, "JPEG", original.Id);
            deployment._derived.Add(derived);
            await deployment.WriteAsync(Path.Combine(deployment.DataDirectory, "cache", "derived-" + i), files[0]);
        }
        foreach (var o in deployment._originals.Where(o => o.File is not null && o.Fate != Fate.MissingFile))
            await deployment.WriteAsync(PicturePath(deployment.DataDirectory, o.Row.Id, o.Row.Format), o.File!);

        await database.CreateSchemaAsync();
        await database.InsertAsync(deployment._originals.Select(o => o.Row).Concat(deployment._derived));
        return deployment;
    }

    private void AddTroubles(List<byte[]> files)
    {
        var jpeg = files.First(f => f[0] == 0xFF);
        for (var i = 0; i < 8; i++) Add($"unfinished-{i}", Fate.Inconsistent, jpeg, status: "INCONSISTENT", writeFile: i % 2 == 0);
        for (var i = 0; i < 8; i++) Add($"lost-{i}", Fate.MissingFile, jpeg);
        for (var i = 0; i < 3; i++) Add($"says-png-{i}", Fate.Mismatch, jpeg, format: "PNG");
        for (var i = 0; i < 3; i++)
        {
            var (format, width, height) = Describe(jpeg);
            Add($"wrong-size-{i}", Fate.Mismatch, jpeg, size: (width + 1 + i, height));
        }
        foreach (var id in new[] { "holiday.2009", "with space", new string('x', 129), "caf\u00e9", "semi;colon" })
            Add(id, Fate.RefusedId, jpeg);

        var tiff = Corpus.Bytes("wuffs/hat.png");
        using (var image = Image.NewFromBuffer(tiff)) Add("scanned-tiff", Fate.Imported, image.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Deflate));
        foreach (var (id, legacy) in new[]
                 {
                     ("drawing-bmp", LegacyFiles.Bmp24("wuffs/hat.png")),
                     ("grey-bmp", LegacyFiles.Bmp8Grey("wuffs/bricks-gray.png")),
                     ("peacock-ppm", LegacyFiles.Pnm("wuffs/peacock.ppm")),
                     ("hippo-ppm", LegacyFiles.Pnm("wuffs/hippopotamus.ppm")),
                     ("hippo-pgm", LegacyFiles.Pnm("wuffs/hippopotamus.pgm")),
                 })
            _originals.Add(new Original(Row(id, "OK", legacy.Format, legacy.Width, legacy.Height), Fate.Convertible, legacy.File, legacy.Pixels, legacy.Bands));
        _originals.Add(new Original(Row("old-pcx", "OK", "PCX", 64, 48), Fate.Unconvertible, LegacyFiles.Pcx(64, 48)));

        var truncated = Corpus.Bytes("wuffs/peacock.default.truncated.jpeg");
        Add("cut-short", Fate.Refused, truncated);
        _originals.Add(new Original(Row("not-an-image", "OK", "JPEG", 640, 480), Fate.Refused, "<html>a proxy's error page, saved as the picture</html>"u8.ToArray()));
    }

    private void Add(string id, Fate fate, byte[] file, string status = "OK", string? format = null, (int, int)? size = null, bool writeFile = true)
    {
        var (actualFormat, width, height) = Describe(file);
        var (w, h) = size ?? (width, height);
        _originals.Add(new Original(Row(id, status, format ?? actualFormat, w, h), fate, writeFile ? file : null));
    }

    private PymagerRow Row(string id, string status, string format, int width, int height) =>
        new(id, status, Start.AddMinutes(_originals.Count).AddTicks(_originals.Count * 12_340), width, height, format);

    /// <summary>PIL's format name and size (as stored, before EXIF orientation).</summary>
    private static (string Format, int Width, int Height) Describe(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        var loader = (string)image.Get("vips-loader");
        var format = loader.StartsWith("jpeg") ? "JPEG" : loader.StartsWith("png") ? "PNG" : loader.StartsWith("gif") ? "GIF" : loader.StartsWith("tiff") ? "TIFF" : loader.StartsWith("webp") ? "WEBP" : throw new ArgumentException(loader);
        return (format, image.Width, image.PageHeight);
    }

    /// <summary>pymager's NestedPathGenerator.original_path, after its docstring: /pictures/72/bc/45/…/2d/72bc…ddd2.jpg.</summary>
    public static string PicturePath(string dataDirectory, string id, string format)
    {
        var sha1 = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(id))).ToLowerInvariant();
        var folders = string.Join('/', Enumerable.Range(0, 19).Select(i => sha1.Substring(2 * i, 2)));
        var extension = format == "JPEG" ? "jpg" : format.ToLowerInvariant();
        return $"{dataDirectory}/pictures/{folders}/{sha1}.{extension}";
    }

    private async Task WriteAsync(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
    }
}
