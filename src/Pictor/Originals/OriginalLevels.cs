using Pictor.Imaging;
using Pictor.Metadata;
using Pictor.Storage;

namespace Pictor.Originals;

/// <summary>The levels an original has (<see cref="Levels"/>) with their storage keys, from its record alone.</summary>
public static class OriginalLevels
{
    public static IReadOnlyList<(LevelSize Size, string Key)> Of(string storageKey, int width, int height, int frames) =>
        [.. Levels.For(width, height, frames).Select(l => (l, BlobKeys.Level(storageKey, l.LongSide)))];

    public static IReadOnlyList<(LevelSize Size, string Key)> Of(OriginalRecord original) =>
        Of(original.StorageKey, original.Width, original.Height, original.Frames);

    /// <summary>The original's own key and its levels' keys: what goes when it goes.</summary>
    public static IEnumerable<string> BlobKeysOf(OriginalRecord original) => Of(original).Select(l => l.Key).Prepend(original.StorageKey);
}
