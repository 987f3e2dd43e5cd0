using System.Text;
using NetVips;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Hostile;

/// <summary>
/// Files in formats a public service must not decode from untrusted bytes: real ones where something
/// here writes them (libvips, the corpus), hand-made headers otherwise, and classic exploit payloads.
/// </summary>
public static class UntrustedFormats
{
    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["svg (corpus)"] = () => Corpus.Bytes("wuffs/hibiscus.primitive.svg"),
        ["svg with script"] = () => Text("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"><script>alert(1)</script></svg>"),
        ["svg after BOM, blanks and comment"] = () => Text("\uFEFF \r\n<!-- a drawing --><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"),
        ["svg with xml declaration and external entity"] = () => Text("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>"),
        ["pdf"] = () => Text("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
        ["postscript"] = () => Text("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n(/etc/passwd) (r) file\nshowpage\n"),
        ["ppm (corpus)"] = () => Corpus.Bytes("wuffs/peacock.ppm"),
        ["pgm (corpus)"] = () => Corpus.Bytes("wuffs/hippopotamus.pgm"),
        ["pbm"] = () => Text("P1\n2 2\n0 1\n1 0\n"),
        ["pfm"] = () => [.. Text("PF\n1 1\n-1.0\n"), .. new byte[12]],
        ["ppm with comment"] = () => [.. Text("P6\n# made by hand\n1 1\n255\n"), 255, 0, 0],
        ["vips native (libvips)"] = () => Saved(".v"),
        ["vips matrix (libvips)"] = () => Saved(".mat"),
        ["csv (libvips)"] = () => Saved(".csv"),
        ["matlab"] = () => Padded("MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024", 128),
        ["imagemagick miff"] = () => Text("id=ImageMagick  version=1.0\nclass=DirectClass  colors=0  alpha-trait=Undefined\ncolumns=1  rows=1  depth=8\n\f\n:\u001a\0\0\0"),
        ["imagemagick mvg (ImageTragick)"] = () => Text("push graphic-context\nviewbox 0 0 640 480\nfill 'url(https://127.0.0.1/x.jpg\"|ls \"-la)'\npop graphic-context\n"),
        ["imagemagick msl"] = () => Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><image><read filename=\"/etc/passwd\"/><write filename=\"/tmp/x\"/></image>"),
        ["imagemagick text: pseudo-format"] = () => Text("text:/etc/passwd"),
        ["photoshop psd"] = () => Padded("8BPS\0\u0001\0\0\0\0\0\0\0\u0003\0\0\0\u0010\0\0\0\u0010\0\u0008\0\u0003", 64),
        ["gimp xcf"] = () => Padded("gimp xcf v011\0", 64),
        ["bmp"] = () => Padded("BM\u003a\0\0\0\0\0\0\0\u0036\0\0\0\u0028\0\0\0\u0001\0\0\0\u0001\0\0\0\u0001\0\u0018\0", 58),
        ["fits"] = () => Padded("SIMPLE  =                    T / conforms to FITS standard", 2880),
        ["radiance hdr"] = () => Text("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n\0\0\0\0"),
        ["openexr"] = () => Bytes(0x76, 0x2F, 0x31, 0x01, 0x02, 0, 0, 0),
        ["jpeg xl codestream"] = () => Bytes(0xFF, 0x0A, 0xFA, 0x7F, 0x01, 0x90, 0x08),
        ["jpeg 2000"] = () => Bytes(0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A),
        ["ico"] = () => Bytes(0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 24, 0),
        ["heic (HEVC in HEIF)"] = () => Bytes([.. "\0\0\0\u0018ftypheic\0\0\0\0mif1heic"u8]),
        ["html"] = () => Text("<!DOCTYPE html><html><body><script>fetch('/original?limit=1000')</script></body></html>"),
        ["javascript"] = () => Text("alert(document.cookie)//"),
        ["zip (office document, jar)"] = () => Bytes(0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0),
        ["elf executable"] = () => Bytes(0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0),
        ["empty"] = () => [],
    };

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(params byte[] bytes) => bytes;

    private static byte[] Padded(string header, int length)
    {
        var bytes = new byte[length];
        Encoding.Latin1.GetBytes(header).CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A real file written by libvips' own saver for <paramref name="suffix"/>.</summary>
    private static byte[] Saved(string suffix)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pictor-untrusted-{Guid.NewGuid():N}{suffix}");
        try
        {
            using var image = Image.Black(8, 8, bands: suffix is ".mat" or ".csv" ? 1 : 3);
            image.WriteToFile(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
