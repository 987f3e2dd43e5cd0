namespace Pictor.Import;

/// <summary>One row of pymager's <c>original_image_metadata</c> joined with its <c>abstract_item</c>.</summary>
/// <param name="Status"><c>OK</c>, or <c>INCONSISTENT</c> for an upload (or delete) that never finished.</param>
/// <param name="LastStatusChange">In UTC (pymager stored <c>datetime.utcnow()</c>); for an <c>OK</c> row, when its upload finished.</param>
/// <param name="Format">PIL's format name: <c>JPEG</c>, <c>PNG</c>, <c>GIF</c>, <c>TIFF</c>, <c>BMP</c>, <c>PPM</c>, …</param>
/// <param name="Width">As PIL read it from the file: before any EXIF orientation.</param>
public sealed record PymagerOriginal(string Id, string Status, DateTime LastStatusChange, int Width, int Height, string Format);
