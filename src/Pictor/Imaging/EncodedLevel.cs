namespace Pictor.Imaging;

/// <summary>A level made at upload (or by <c>check --repair</c>), encoded and ready to store.</summary>
public sealed record EncodedLevel(LevelSize Size, byte[] Bytes);
