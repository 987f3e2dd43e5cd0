using System.Diagnostics.CodeAnalysis;
using Pictor.Problems;

namespace Pictor.Images;

/// <summary>A client-chosen image ID: <c>^[A-Za-z0-9_-]{1,128}$</c>, ASCII, case-sensitive. Never used as a path.</summary>
public readonly record struct ImageId
{
    public const int MaxLength = 128;

    public string Value { get; }

    private ImageId(string value) => Value = value;

    public override string ToString() => Value;

    public static ImageId Parse(string? raw) =>
        TryParse(raw, out var id, out var error) ? id : throw ProblemException.BadRequest("invalid-id", error);

    public static bool TryParse(string? raw, out ImageId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (string.IsNullOrEmpty(raw))
        {
            error = "The image ID is empty; expected 1 to 128 characters from A-Z, a-z, 0-9, '_' and '-'.";
            return false;
        }
        if (raw.Length > MaxLength)
        {
            error = $"The image ID is {raw.Length} characters long; at most {MaxLength} are allowed.";
            return false;
        }
        foreach (var c in raw)
        {
            if (!IsAllowed(c))
            {
                error = $"The image ID contains {Describe(c)}; only A-Z, a-z, 0-9, '_' and '-' are allowed.";
                return false;
            }
        }
        id = new ImageId(raw);
        error = null;
        return true;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static string Describe(char c) =>
        char.IsControl(c) || c > '\u007e' || char.IsWhiteSpace(c) ? $"the character U+{(int)c:X4}" : $"'{c}'";
}
