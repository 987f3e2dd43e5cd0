namespace Pictor.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Pictor.slnx).</summary>
    public static string Root { get; } = Locate();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pictor.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Pictor.slnx not found above the test binaries.");
    }
}
