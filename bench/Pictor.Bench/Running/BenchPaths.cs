using Pictor.Tests.Infrastructure;

namespace Pictor.Bench.Running;

/// <summary>Where things are: the repository (found from this tool's own location), the corpus, the tools.</summary>
public sealed class BenchPaths
{
    private BenchPaths(string repository, string corpus)
    {
        Repository = repository;
        Corpus = corpus;
    }

    public string Repository { get; }

    /// <summary>The shared test images, beside the repository (never copied into it).</summary>
    public string Corpus { get; }

    public string Scripts => Path.Combine(Repository, "bench", "lua");

    /// <summary>Installed by bench/run.sh; git-ignored.</summary>
    public string Ipx => Path.Combine(Repository, "bench", ".work", "ipx");

    public string BenchDll => Path.Combine(AppContext.BaseDirectory, "Pictor.Bench.dll");

    public string Results => Path.Combine(Repository, "bench", "results");

    /// <summary>Raw output and server logs of the last run; git-ignored.</summary>
    public string Logs => Path.Combine(Results, "tmp");

    public static BenchPaths Find(string? corpus)
    {
        var repository = RepoPaths.Root;
        var corpusPath = Path.GetFullPath(corpus ?? Path.Combine(repository, "..", "shared", "corpus"));
        if (!Directory.Exists(Path.Combine(corpusPath, "bench")))
            throw new InvalidOperationException($"The corpus is not at {corpusPath} (expected a bench/ folder there); pass --corpus DIR.");
        return new BenchPaths(repository, corpusPath);
    }
}
