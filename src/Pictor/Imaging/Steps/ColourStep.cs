using NetVips;

namespace Pictor.Imaging.Steps;

/// <summary>
/// 8-bit sRGB (or grey) for everything after: an embedded ICC profile is applied, CMYK and 16-bit images
/// converted. Plain 8-bit sRGB or grey without a profile, nearly every photo, passes untouched.
/// </summary>
public sealed class ColourStep : IFrameStep
{
    public Image Apply(Image image, DeriveContext context) => ToSrgb8(image);

    /// <summary>The conversion itself, for anything that needs 8-bit sRGB or grey pixels (placeholders too).</summary>
    public static Image ToSrgb8(Image image)
    {
        var plain = image.Format == Enums.BandFormat.Uchar
            && image.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw;
        if (image.Contains("icc-profile-data"))
        {
            try
            {
                return image.IccTransform("srgb", embedded: true, intent: Enums.Intent.Relative, depth: 8);
            }
            catch (VipsException) when (plain)
            {
                return image; // a broken profile on an sRGB image: the pixels are usable as they are
            }
            catch (VipsException)
            {
                // fall through to the plain conversion
            }
        }
        if (plain) return image;
        var grey = image.Bands < 3 || image.Interpretation is Enums.Interpretation.Bw or Enums.Interpretation.Grey16;
        using var converted = image.Colourspace(grey ? Enums.Interpretation.Bw : Enums.Interpretation.Srgb);
        return converted.Format == Enums.BandFormat.Uchar ? converted.Copy() : converted.Cast(Enums.BandFormat.Uchar);
    }
}
