namespace Pictor.Admin;

/// <summary>One file of the admin UI, as served.</summary>
public sealed record AdminAsset(byte[] Bytes, string ContentType, string ETag);
