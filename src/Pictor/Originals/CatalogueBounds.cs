namespace Pictor.Originals;

/// <summary>
/// How much may be recorded about one original: tags and attribute keys are names of 1–64 characters from
/// <c>A–Z a–z 0–9 _ - . :</c> (case-sensitive); attribute values are any text up to 1024 characters except U+0000.
/// </summary>
public static class CatalogueBounds
{
    public const int MaxTags = 32;
    public const int MaxNameLength = 64;
    public const int MaxAttributes = 32;
    public const int MaxValueLength = 1024;

    public const string NameRule = "1 to 64 characters from A-Z a-z 0-9 _ - . :";

    public static bool IsName(string? s) =>
        s is { Length: > 0 and <= MaxNameLength } && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':');

    public static bool IsValue(string s) => s.Length <= MaxValueLength && !s.Contains('\0');
}
