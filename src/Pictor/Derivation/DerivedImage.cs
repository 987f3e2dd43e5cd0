using Pictor.Metadata;

namespace Pictor.Derivation;

/// <summary>
/// A ready derived image. <see cref="Content"/> holds its bytes when this call made them (the stored blob
/// holds the same), so the response needs no read-back from the store; null when it was found stored.
/// <see cref="Source"/> says what this call made it from (<see cref="DeriveSource.Name"/>).
/// </summary>
public sealed record DerivedImage(DerivedRecord Record, byte[]? Content = null, string? Source = null);
