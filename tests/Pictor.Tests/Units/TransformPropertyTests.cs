using System.Globalization;
using CsCheck;
using Microsoft.Extensions.Options;
using Pictor.Access;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Problems;

namespace Pictor.Tests.Units;

/// <summary>
/// Properties of the options parser and of URL signatures, checked with CsCheck (random cases, shrunk to the
/// smallest failing one): any string parses or is refused with a 4xx problem, never anything else; canonical
/// forms are fixed points; a signature verifies under any configured key and fails for any other path or a
/// changed signature.
/// </summary>
public sealed class TransformPropertyTests
{
    private static readonly TransformParser Parser = new(
        Options.Create(new LimitsOptions()), Options.Create(new EncodingOptions()),
        Options.Create(new PictorOptions { Presets = { ["thumb"] = "w_64,h_64,q_70" } }));

    private static readonly string[] Extensions = ["jpg", "jpeg", "png", "webp", "gif", "avif", "tiff", "auto"];

    private static readonly Gen<string> Token = Gen.OneOf(
        Gen.Int[1, 8192].Select(n => $"w_{n}"),
        Gen.Int[1, 8192].Select(n => $"h_{n}"),
        Gen.OneOf<string>("c_fill", "c_fit", "c_limit", "c_pad"),
        Gen.OneOf<string>("g_center", "g_north", "g_south_west", "g_north_east", "g_auto", "g_focus", "g_east"),
        Gen.Int[1, 100].Select(q => $"q_{q}"),
        Gen.Int[2, 8].Select(d => "dpr_" + (d / 2.0).ToString(CultureInfo.InvariantCulture)),
        Gen.Int[0, 0xFFFFFF].Select(b => $"b_{b:x6}"),
        Gen.Const("t_thumb"));

    /// <summary>Valid option names: distinct keys in any order, any extension.</summary>
    private static readonly Gen<string> ValidName =
        Gen.Select(Token.List[1, 7], Gen.OneOf<string>(Extensions), (tokens, ext) =>
            string.Join(',', tokens.DistinctBy(t => t[..t.IndexOf('_')])) + "." + ext);

    [Fact]
    public void Any_name_parses_or_is_refused_with_a_4xx_problem_never_anything_else() =>
        Gen.String[Gen.Char["whcgqdprbt_lfiaunoesxyzjmvk0123456789.,-+ABCDEF%é"], 0, 48].Sample(name =>
        {
            try
            {
                Parser.Parse("id", name);
            }
            catch (ProblemException e)
            {
                Assert.InRange(e.Status, 400, 404);
                Assert.False(string.IsNullOrWhiteSpace(e.Detail));
            }
        }, iter: 20_000);

    [Fact]
    public void Canonical_forms_are_fixed_points() =>
        ValidName.Sample(name =>
        {
            var request = Parser.Parse("id", name);
            foreach (var format in new[] { ImageFormat.Jpeg, ImageFormat.Png, ImageFormat.Webp })
            {
                var canonical = request.For(format).Variant;
                var again = Parser.Parse("id", AsOptionName(canonical)).For(format).Variant;
                Assert.Equal(canonical, again);
            }
        }, iter: 5_000);

    [Fact]
    public void A_signature_verifies_under_every_configured_key_and_for_nothing_else() =>
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 8, 40], ValidName, Gen.Bool, Gen.Int[0, 1_000_000]).Sample((key, name, withExpiry, delta) =>
        {
            var path = "/derived/photo/" + name;
            long? expires = withExpiry ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600 + delta : null;
            var signature = UrlSigner.Sign(key, path, expires);
            var exp = expires?.ToString(CultureInfo.InvariantCulture);
            var signer = new UrlSigner(Options.Create(new SigningOptions { Keys = ["another-key-1234", key] }), TimeProvider.System);

            Assert.True(signer.Check(path, signature, exp).IsValid);
            Assert.False(signer.Check(path + "x", signature, exp).IsValid);
            var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
            Assert.False(signer.Check(path, flipped, exp).IsValid);
            if (expires is { } e) Assert.False(signer.Check(path, signature, (e + 1).ToString(CultureInfo.InvariantCulture)).IsValid);
            var other = new UrlSigner(Options.Create(new SigningOptions { Keys = ["another-key-1234"] }), TimeProvider.System);
            Assert.False(other.Check(path, signature, exp).IsValid);
        }, iter: 2_000);

    /// <summary>A canonical variant as an option name: pymager's <c>200x100.jpg</c> means <c>w_200,h_100.jpg</c>.</summary>
    private static string AsOptionName(string canonical)
    {
        if (canonical.Contains('_')) return canonical;
        var dot = canonical.IndexOf('.');
        var x = canonical.IndexOf('x');
        return $"w_{canonical[..x]},h_{canonical[(x + 1)..dot]}{canonical[dot..]}";
    }
}
