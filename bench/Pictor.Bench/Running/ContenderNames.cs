namespace Pictor.Bench.Running;

/// <summary>The contenders' names as the results show them, in the order the tables list them.</summary>
public static class ContenderNames
{
    public const string Pictor = "Pictor";
    public const string Ipx = "ipx";
    public const string Nginx = "nginx";
    public const string Engine = "NetVips loop";
    public const string Kestrel = "bare Kestrel";

    public static readonly IReadOnlyList<string> All = [Pictor, Ipx, Nginx, Kestrel, Engine];
}
