namespace Pictor.Import;

/// <summary>What became of one pymager original.</summary>
public enum ImportOutcome
{
    Imported,
    /// <summary>Imported as lossless PNG (<c>--convert-unsupported</c>).</summary>
    Converted,
    /// <summary>Pictor already holds these very bytes under the ID (a previous run).</summary>
    AlreadyImported,
    /// <summary>pymager never finished it (status INCONSISTENT, or anything but OK).</summary>
    Inconsistent,
    MissingFile,
    /// <summary>The file is not what its row says (format, width or height).</summary>
    Mismatch,
    /// <summary>The ID is not a Pictor ID (<c>^[A-Za-z0-9_-]{1,128}$</c>).</summary>
    RefusedId,
    UnsupportedFormat,
    /// <summary>Pictor's upload validation refused the file (corrupt, over the limits).</summary>
    Refused,
    /// <summary>Pictor holds other bytes under the ID; left alone.</summary>
    Conflict,
    /// <summary>An error that was not the file's fault (storage, database); a re-run retries it.</summary>
    Failed,
}
