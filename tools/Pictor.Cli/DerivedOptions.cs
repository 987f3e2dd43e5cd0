using System.CommandLine;
using Pictor.Client;

namespace Pictor.Cli;

/// <summary>The derived-image options shared by <c>url</c> and <c>warm</c>, and the <see cref="DerivedUrl"/> they make.</summary>
public sealed class DerivedOptions
{
    public Option<int?> Width { get; } = new("--width", "-w") { Description = "w_N: width." };
    public Option<int?> Height { get; } = new("--height") { Description = "h_N: height." };
    public Option<CropMode?> Crop { get; } = new("--crop", "-c") { Description = "c_: fill, fit, limit or pad." };
    public Option<string?> Gravity { get; } = new("--gravity", "-g") { Description = "g_: center, north, …, north_east, …, auto, focus." };
    public Option<int?> Quality { get; } = new("--quality", "-q") { Description = "q_N: quality 1-100." };
    public Option<double?> Dpr { get; } = new("--dpr") { Description = "dpr_X: 1 to 4 in steps of 0.5." };
    public Option<string?> Background { get; } = new("--background", "-b") { Description = "b_RRGGBB: pad and flatten colour." };
    public Option<string?> Preset { get; } = new("--preset", "-t") { Description = "t_NAME: a preset of Pictor:Presets." };
    public Option<string?> Options { get; } = new("--options", "-o") { Description = "An options string (w_300,h_200,c_fit); the options above override it." };
    public Option<string> Format { get; } = new("--format", "-f") { Description = "Extension: jpg, png, webp, gif, avif, tiff or auto.", DefaultValueFactory = _ => "auto" };
    public Option<bool> Sign { get; } = new("--sign") { Description = "Sign the URL with --signing-key (or $PICTOR_SIGNING_KEY)." };
    public Option<string?> SigningKey { get; } = new("--signing-key")
    {
        Description = "The URL signing key (a key of Pictor:Signing:Keys; default $PICTOR_SIGNING_KEY).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PICTOR_SIGNING_KEY") is { Length: > 0 } key ? key : null,
    };
    public Option<TimeSpan?> Expires { get; } = new("--expires") { Description = "With --sign: the URL expires after this long (hh:mm:ss, or d.hh:mm:ss)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Width, Height, Crop, Gravity, Quality, Dpr, Background, Preset, Options, Format, Sign, SigningKey, Expires })
            command.Options.Add(option);
    }

    /// <summary>The URL for <paramref name="id"/> on the service at <paramref name="baseAddress"/>, signed when asked.</summary>
    public DerivedUrl Build(ParseResult parse, string id, Uri baseAddress)
    {
        var url = new DerivedUrl(id, baseAddress);
        if (parse.GetValue(Options) is { } text) url = url.WithOptions(text);
        if (parse.GetValue(Preset) is { } preset) url = url.Preset(preset);
        if (parse.GetValue(Width) is { } w) url = url.Width(w);
        if (parse.GetValue(Height) is { } h) url = url.Height(h);
        if (parse.GetValue(Crop) is { } c) url = url.Crop(c);
        if (parse.GetValue(Gravity) is { } g) url = url.WithOptions("g_" + g);
        if (parse.GetValue(Quality) is { } q) url = url.Quality(q);
        if (parse.GetValue(Dpr) is { } dpr) url = url.Dpr(dpr);
        if (parse.GetValue(Background) is { } b) url = url.Background(b);
        url = url.Format(parse.GetValue(Format)!);
        if (url.Options.Length == 0) throw new UsageException("Give at least one option: --width, --height, --preset, --options, ….");
        if (parse.GetValue(Sign))
        {
            var key = parse.GetValue(SigningKey) ?? throw new UsageException("--sign needs --signing-key or PICTOR_SIGNING_KEY.");
            url = parse.GetValue(Expires) is { } lifetime ? url.Sign(key, lifetime) : url.Sign(key);
        }
        return url;
    }
}
