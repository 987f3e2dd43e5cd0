using Pictor.Metadata;

namespace Pictor.Derivation;

/// <summary>
/// A ready derived image. <see cref="Content"/> holds its bytes when this call made them (the stored blob
/// holds the same), so the response needs no read-back from the store; null when it was found stored.
/// </summary>
public sealed record DerivedImage(DerivedRecord Record, byte[]? Content = null);
