using Pictor.Metadata;

namespace Pictor.Derivation;

/// <summary>The right to generate one derived image: an attempt token, its own storage key and journal entry.</summary>
public sealed record DerivedLease(string Owner, string StorageKey, long JournalId, OriginalRecord Original);

/// <summary>What an acquire found: the image ready, a lease for us, or neither (somebody else holds it).</summary>
public readonly record struct AcquireOutcome(DerivedRecord? Ready, DerivedLease? Lease);
