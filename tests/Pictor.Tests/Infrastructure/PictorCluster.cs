namespace Pictor.Tests.Infrastructure;

/// <summary>
/// Pictor processes on one database and one bucket (cluster mode), each with its own local data
/// directory, all started at the same moment (so they also race to migrate the empty database).
/// </summary>
public sealed class PictorCluster : IAsyncDisposable
{
    private readonly List<TempFolder> _folders;
    private readonly IDictionary<string, string>? _settings;

    private PictorCluster(ClusterStores stores, List<TempFolder> folders, List<PictorProcess> instances, IDictionary<string, string>? settings)
    {
        Stores = stores;
        _folders = folders;
        Instances = instances;
        _settings = settings;
    }

    public ClusterStores Stores { get; }

    public IReadOnlyList<PictorProcess> Instances { get; }

    public static async Task<PictorCluster> StartAsync(
        int count, IDictionary<string, string>? settings = null, DatabaseBackend backend = DatabaseBackend.Postgres)
    {
        var stores = await ClusterStores.CreateAsync(backend);
        var folders = Enumerable.Range(0, count).Select(i => new TempFolder($"pictor-instance{i}")).ToList();
        var starts = folders.Select(f => PictorProcess.StartAsync(stores.InstanceSettings(f.Path, settings))).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            // Whichever did start is stopped, even when another failed.
            foreach (var started in starts.Where(s => s.IsCompletedSuccessfully)) await (await started).DisposeAsync();
            folders.ForEach(f => f.Dispose());
            stores.ClearPool();
            throw;
        }
        return new PictorCluster(stores, folders, [.. await Task.WhenAll(starts)], settings);
    }

    /// <summary>The local data directory of instance <paramref name="index"/> (temp files of its uploads and derives).</summary>
    public string DataDirectory(int index) => _folders[index].Path;

    /// <summary>The settings of a further process on the same stores (say, <c>pictor check</c>).</summary>
    public Dictionary<string, string> SettingsFor(string dataDirectory) => Stores.InstanceSettings(dataDirectory, _settings);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances) await instance.DisposeAsync();
        _folders.ForEach(f => f.Dispose());
        Stores.ClearPool();
    }
}
