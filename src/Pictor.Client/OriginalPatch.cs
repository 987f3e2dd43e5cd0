namespace Pictor.Client;

/// <summary>
/// A change to what is recorded about an original (<c>PATCH</c>, a JSON merge patch): only what is set here is sent.
/// </summary>
public sealed record OriginalPatch
{
    /// <summary>Whether <see cref="Focus"/> is sent (so that null can mean "clear it").</summary>
    public bool SetsFocus { get; private init; }

    /// <summary>The focal point to set; null clears it (when <see cref="SetsFocus"/>).</summary>
    public FocalPoint? Focus { get; private init; }

    /// <summary>Replaces the set of tags when not null; an empty list clears them.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Merged key by key when not null: a null value removes that key.</summary>
    public IReadOnlyDictionary<string, string?>? Attributes { get; init; }

    /// <summary>Sets (or, with null, clears) the focal point.</summary>
    public static OriginalPatch SetFocus(FocalPoint? focus) => new() { SetsFocus = true, Focus = focus };

    /// <summary>This patch, also setting (or clearing) the focal point.</summary>
    public OriginalPatch WithFocus(FocalPoint? focus) => this with { SetsFocus = true, Focus = focus };
}
