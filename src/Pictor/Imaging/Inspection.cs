namespace Pictor.Imaging;

/// <summary>An accepted upload: what it is, and its levels (<see cref="Levels"/>), largest first.</summary>
public sealed record Inspection(ImageInfo Info, IReadOnlyList<EncodedLevel> Levels);
