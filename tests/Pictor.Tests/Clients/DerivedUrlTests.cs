using Pictor.Access;
using Pictor.Client;
using Pictor.Configuration;
using Pictor.Images;
using ClientGravity = Pictor.Client.Gravity;
using ServerGravity = Pictor.Images.Gravity;

namespace Pictor.Tests.Clients;

/// <summary>The client's URL builder and signature against the service's own parser, canonical form and signer.</summary>
public sealed class DerivedUrlTests
{
    [Fact]
    public void Every_option_is_written_in_the_services_canonical_order()
    {
        var url = new DerivedUrl("alice").Background("#00FF00").Dpr(1.5).Quality(70).Gravity(ClientGravity.NorthEast)
            .Crop(CropMode.Pad).Height(200).Width(300).Format("jpg");
        Assert.Equal("/derived/alice/w_300,h_200,c_pad,g_north_east,q_70,dpr_1.5,b_00ff00.jpg", url.Path);
        Assert.Equal("w_300,h_200,c_pad,g_north_east,q_70,dpr_1.5,b_00ff00.jpg", ServerCanonical(url.Options, ImageFormat.Jpeg));
        Assert.Equal("/derived/alice/t_thumb,w_50.auto", new DerivedUrl("alice").Width(50).Preset("thumb").Path);
        Assert.Equal(url, new DerivedUrl("alice").WithOptions("b_00ff00,dpr_1.5,q_70,g_north_east,c_pad,h_200,w_300").Format("jpg"));
    }

    [Fact]
    public void Random_option_sets_parse_on_the_service_and_keep_their_order()
    {
        var random = new Random(20261201);
        var modes = Enum.GetValues<CropMode>();
        var gravities = Enum.GetValues<ClientGravity>();
        var compared = 0;
        for (var i = 0; i < 2000; i++)
        {
            var url = new DerivedUrl("id");
            if (random.Next(2) == 0) url = url.Width(random.Next(1, 8193));
            if (random.Next(2) == 0) url = url.Height(random.Next(1, 8193));
            if (random.Next(2) == 0) url = url.Crop(modes[random.Next(modes.Length)]);
            if (random.Next(2) == 0) url = url.Gravity(gravities[random.Next(gravities.Length)]);
            if (random.Next(2) == 0) url = url.Quality(random.Next(1, 101));
            if (random.Next(2) == 0) url = url.Dpr(random.Next(2, 9) / 2.0);
            if (random.Next(2) == 0) url = url.Background(Convert.ToHexString(BitConverter.GetBytes(random.Next())[..3]));
            if (url.Options.Length == 0) continue;

            var tokens = TransformParser.ParseTokens(url.Options, 8192, presets: null); // throws on anything the service refuses
            Assert.Equal(url.WidthValue, tokens.Width);
            Assert.Equal(url.HeightValue, tokens.Height);
            Assert.Equal(url.QualityValue, tokens.Quality);
            // The tokens the service keeps as written (it drops what cannot change the output, and spells out some
            // defaults, such as c_limit without a size) come in the same order as the client wrote them.
            var canonical = ServerCanonical(url.Options, ImageFormat.Webp);
            var kept = canonical[..canonical.LastIndexOf('.')];
            if (!kept.Contains('_')) continue; // pymager's {w}x{h} form
            var ours = url.Options.Split(',').ToList();
            var positions = kept.Split(',').Select(t => ours.IndexOf(t)).Where(p => p >= 0).ToList();
            Assert.Equal(positions.Order(), positions);
            compared += positions.Count > 1 ? 1 : 0;
        }
        Assert.True(compared > 500, $"only {compared} sets had two or more tokens kept");
    }

    [Theory]
    [InlineData("key", "/derived/alice/w_300,h_200.webp", null)]
    [InlineData("another key ✓ with non-ASCII", "/derived/a-b_c/t_thumb,dpr_2.auto", 1796169735L)]
    [InlineData("k", "/derived/x/w_1.jpg", 0L)]
    public void Signatures_are_byte_identical_to_the_services(string key, string path, long? expires)
    {
        Assert.Equal(UrlSigner.Sign(key, path, expires), UrlSignature.Sign(key, path, expires));
        var query = UrlSignature.Query(key, path, expires);
        Assert.StartsWith("?s=" + UrlSigner.Sign(key, path, expires), query);
        Assert.Equal(expires is null ? -1 : query.Length - $"&exp={expires}".Length, query.IndexOf("&exp=", StringComparison.Ordinal));
    }

    [Fact]
    public void Signed_URLs_carry_s_and_exp_after_the_path_they_sign()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000);
        var url = new DerivedUrl("alice", new Uri("https://img.example/pictor/")).Size(300, 200).Format("webp").Sign("key", expires);
        var sig = UrlSigner.Sign("key", "/derived/alice/w_300,h_200.webp", 2_000_000_000);
        Assert.Equal($"https://img.example/pictor/derived/alice/w_300,h_200.webp?s={sig}&exp=2000000000", url.ToString());
        Assert.Equal("https://img.example/pictor/derived/alice/w_300,h_200.webp", url.Unsigned().ToString());
    }

    [Fact]
    public void Srcset_lists_each_width_with_the_height_scaled_and_density_variants()
    {
        var url = new DerivedUrl("alice").Size(400, 300).Format("webp");
        Assert.Equal("/derived/alice/w_200,h_150.webp 200w, /derived/alice/w_400,h_300.webp 400w, /derived/alice/w_800,h_600.webp 800w",
            url.Srcset(800, 200, 400));
        Assert.Equal("/derived/alice/w_400,h_300.webp 1x, /derived/alice/w_400,h_300,dpr_1.5.webp 1.5x, /derived/alice/w_400,h_300,dpr_2.webp 2x",
            url.DprSrcset(1, 1.5, 2));
    }

    [Fact]
    public void Invalid_values_are_refused_before_any_request()
    {
        Assert.Throws<ArgumentException>(() => new DerivedUrl("not an id"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DerivedUrl("a").Width(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DerivedUrl("a").Quality(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DerivedUrl("a").Dpr(1.25));
        Assert.Throws<ArgumentException>(() => new DerivedUrl("a").Background("red"));
        Assert.Throws<ArgumentException>(() => new DerivedUrl("a").Format("bmp"));
        Assert.Throws<ArgumentException>(() => new DerivedUrl("a").WithOptions("x_1"));
        Assert.Throws<InvalidOperationException>(() => new DerivedUrl("a").Path);
    }

    private static string ServerCanonical(string options, ImageFormat format)
    {
        var t = TransformParser.ParseTokens(options, 8192, presets: null);
        return TransformOptions.Create(t.Width, t.Height, t.Mode, t.Gravity ?? ServerGravity.Default, t.Quality, t.Dpr ?? 1,
            t.Background ?? Rgb.White, format, new EncodingOptions()).Canonical;
    }
}
