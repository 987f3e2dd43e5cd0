namespace Pictor.Configuration;

public sealed class ShutdownOptions
{
    public const string Section = "Pictor:Shutdown";

    /// <summary>
    /// After SIGTERM, how long requests in flight may take to complete (the host's shutdown timeout); what is
    /// still running then is cut off.
    /// </summary>
    public int DrainSeconds { get; set; } = 30;

    /// <summary>
    /// After SIGTERM, how long connections without a request in flight are left open for their client (nginx) to
    /// close; longer than the front end's idle timeout for kept-alive connections (<c>keepalive_timeout</c> of the
    /// upstream), so that Pictor never closes a connection at the moment the front end sends a request on it.
    /// </summary>
    public int IdleConnectionSeconds { get; set; } = 10;
}
