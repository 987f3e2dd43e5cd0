namespace Pictor.Cli;

/// <summary>What <c>pictor</c> exits with (documented in the README and in <c>pictor --help</c>).</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>Some items failed (each is reported); the others were done.</summary>
    public const int SomeFailed = 1;

    /// <summary>The command line is wrong (unknown option, missing argument, bad value).</summary>
    public const int Usage = 2;

    /// <summary>The service cannot be reached, or refuses the credentials (401/403 on the whole operation).</summary>
    public const int Unreachable = 3;

    public const string Help = "Exit codes: 0 ok, 1 some items failed, 2 usage error, 3 service unreachable or credentials refused.";
}
