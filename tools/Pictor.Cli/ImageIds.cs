using System.Text;

namespace Pictor.Cli;

/// <summary>Image IDs from file names: the name without extension, every character outside [A-Za-z0-9_-] as '_'.</summary>
public static class ImageIds
{
    public const int MaxLength = 128;

    public static string FromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var id = new StringBuilder(name.Length);
        foreach (var c in name) id.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        return id.Length > MaxLength ? id.ToString(0, MaxLength) : id.ToString();
    }

    /// <summary>The file extension for a stored format name.</summary>
    public static string Extension(string format) => format.ToLowerInvariant() switch
    {
        "jpeg" => "jpg",
        var other => other,
    };
}
