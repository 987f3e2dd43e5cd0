namespace Pictor.Access;

/// <summary>What a request's signature says: none given, valid, or invalid (with why).</summary>
public readonly record struct SignatureCheck(bool Present, bool IsValid, string? Reason)
{
    public static readonly SignatureCheck Absent = new(false, false, null);
    public static readonly SignatureCheck Valid = new(true, true, null);

    public static SignatureCheck Invalid(string reason) => new(true, false, reason);
}
