using System.Globalization;

namespace Pictor.Bench;

/// <summary><c>--key value</c> and <c>--flag</c> arguments, plus positional ones.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string?> _named = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public static Options Parse(IReadOnlyList<string> args)
    {
        var o = new Options();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { o._positional.Add(args[i]); continue; }
            var key = args[i][2..];
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            o._named[key] = hasValue ? args[++i] : null;
        }
        return o;
    }

    public string Positional(int index) => index < _positional.Count ? _positional[index] : "";

    public bool Flag(string key) => _named.ContainsKey(key);

    public string? Value(string key) => _named.GetValueOrDefault(key);

    public string Required(string key) => Value(key) ?? throw new ArgumentException($"--{key} is required");

    public double Number(string key, double fallback) =>
        Value(key) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
