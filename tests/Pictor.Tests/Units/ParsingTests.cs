using Pictor.Images;
using Pictor.Imaging;
using Pictor.Problems;
using Pictor.Storage;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Units;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("a-100x50.jpg", "a", 100, 50, ImageFormat.Jpeg)]
    [InlineData("my-photo-1-20x30.JPEG", "my-photo-1", 20, 30, ImageFormat.Jpeg)]
    [InlineData("x_y-8192x1.webp", "x_y", 8192, 1, ImageFormat.Webp)]
    [InlineData("p-1x1.tif", "p", 1, 1, ImageFormat.Tiff)]
    [InlineData("--5x5.png", "-", 5, 5, ImageFormat.Png)]
    public void Derived_names_parse_with_the_id_taking_every_dash_but_the_last(string name, string id, int w, int h, ImageFormat format)
    {
        var spec = DerivedSpec.Parse(name, 8192);
        Assert.Equal((id, w, h, format), (spec.Id.Value, spec.Options.Width!.Value, spec.Options.Height!.Value, spec.Format));
    }

    /// <summary>
    /// Regression (issue 16): the name pattern had a 100 ms match timeout, which fired when the busy test machine
    /// descheduled a request mid-match and turned a plain derive into a 500 (RegexMatchTimeoutException). Names are
    /// at most 256 characters and the pattern cannot blow up, so it has none; the derived-name fuzz target ran it
    /// over a million times without a slow input.
    /// </summary>
    [Fact]
    public void The_derived_name_pattern_has_no_match_timeout_to_fire_on_a_busy_machine()
    {
        var shape = (System.Text.RegularExpressions.Regex)typeof(DerivedSpec)
            .GetMethod("Shape", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, null)!;
        Assert.Equal(System.Text.RegularExpressions.Regex.InfiniteMatchTimeout, shape.MatchTimeout);
        var longest = new string('a', 128) + "-8192x8192.webp"; // the longest ID, every character a candidate for its end
        Assert.Equal(8192, DerivedSpec.Parse(longest, 8192).Options.Width);
    }

    [Theory]
    [InlineData("a-0x5.jpg", 403, "width is 0")]
    [InlineData("a-5x0.jpg", 403, "height is 0")]
    [InlineData("a-05x5.jpg", 403, "leading zero")]
    [InlineData("a-8193x5.jpg", 403, "larger than the largest allowed, 8192")]
    [InlineData("a-99999999999999999999x5.jpg", 403, "larger than")]
    [InlineData("a-5x5.bmp", 400, "'bmp' is not supported")]
    [InlineData("a.b-5x5.jpg", 404, "not a derived image name")]
    [InlineData("a-5x5.jp2", 404, "not a derived image name")]
    [InlineData("a-5x5", 404, "not a derived image name")]
    [InlineData("a-5-5.jpg", 404, "not a derived image name")]
    [InlineData("a-x5.jpg", 404, "not a derived image name")]
    [InlineData("", 404, "not a derived image name")]
    public void Bad_derived_names_say_what_is_wrong(string name, int status, string message)
    {
        var e = Assert.Throws<ProblemException>(() => DerivedSpec.Parse(name, 8192));
        Assert.Equal(status, e.Status);
        Assert.Contains(message, e.Detail);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("A-z_0-9", true)]
    [InlineData("", false)]
    [InlineData("../etc/passwd", false)]
    [InlineData("a/b", false)]
    [InlineData("a%2Fb", false)]
    [InlineData("a\0b", false)]
    [InlineData("\u0430bc", false)] // Cyrillic а
    [InlineData("ａbc", false)]      // full-width
    [InlineData("a b", false)]
    public void Image_ids_follow_the_rule(string raw, bool valid) =>
        Assert.Equal(valid, ImageId.TryParse(raw, out _, out _));

    [Fact]
    public void Image_ids_are_at_most_128_characters()
    {
        Assert.True(ImageId.TryParse(new string('a', 128), out _, out _));
        Assert.False(ImageId.TryParse(new string('a', 129), out _, out var error));
        Assert.Contains("129", error);
    }

    [Fact]
    public void Storage_keys_never_contain_the_id_and_are_well_formed()
    {
        var id = ImageId.Parse("Secret-Name_1");
        var key = BlobKeys.Original(id, BlobKeys.NewToken());
        Assert.DoesNotContain("Secret", key);
        Assert.True(BlobKeys.IsWellFormed(key));
        Assert.Matches("^originals/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}/[0-9a-f]{16}$", key);
        Assert.False(BlobKeys.IsWellFormed("originals/../../etc/passwd"));
        Assert.False(BlobKeys.IsWellFormed("/etc/passwd"));
    }

    [Theory]
    [InlineData("wuffs/hat.jpeg", ImageFormat.Jpeg)]
    [InlineData("wuffs/hat.png", ImageFormat.Png)]
    [InlineData("wuffs/hat.gif", ImageFormat.Gif)]
    [InlineData("wuffs/hat.lossy.webp", ImageFormat.Webp)]
    public void Formats_are_sniffed_from_the_bytes(string file, ImageFormat format) =>
        Assert.Equal(format, FormatSniffer.Sniff(Corpus.Bytes(file).AsSpan(0, 64)));

    [Theory]
    [InlineData("wuffs/hibiscus.primitive.svg", "SVG")]
    [InlineData("wuffs/hippopotamus.ppm", "PNM")]
    [InlineData("wuffs/hippopotamus.pgm", "PNM")]
    public void Untrusted_formats_are_refused_by_name(string file, string named)
    {
        var e = Assert.Throws<ProblemException>(() => FormatSniffer.Sniff(Corpus.Bytes(file).AsSpan(0, 64)));
        Assert.Equal(400, e.Status);
        Assert.Equal("unsupported-format", e.Type);
        Assert.Contains(named, e.Detail);
    }
}
