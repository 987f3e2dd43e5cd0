namespace Pictor.Tests.Import;

/// <summary>A row of a test pymager database; <paramref name="OriginalId"/> set for a derived image.</summary>
public sealed record PymagerRow(string Id, string Status, DateTime Date, int Width, int Height, string Format, string? OriginalId = null);
