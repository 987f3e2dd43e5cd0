using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Metadata;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Derivation;

/// <summary>
/// A derived image's bookkeeping commits on SQLite without syncing the WAL (<see cref="CacheWrites"/>): the pooled
/// connection it used must go back to the pool syncing again, or the upload that borrows it next would be
/// acknowledged before its commit reached the disk.
/// </summary>
public sealed class CacheWritesTests
{
    private const long Normal = 1;
    private static readonly byte[] Jpeg = Corpus.Bytes("wuffs/hippopotamus.jpeg");

    [Fact]
    public async Task Derives_commit_unsynced_and_leave_every_pooled_connection_as_it_was()
    {
        using var app = new PictorFactory();
        using var client = app.Client();
        var dbs = app.Services.GetRequiredService<IDbContextFactory<PictorDbContext>>();
        var configured = (await SynchronousOfPoolAsync(dbs)).Distinct().Single();
        Assert.NotEqual(Normal, configured);

        await client.UploadOkAsync("pic", Jpeg);
        var made = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => client.GetAsync($"/derived/pic-{40 + i}x30.jpg")));
        Assert.All(made, r => Assert.True(r.IsSuccessStatusCode));

        Assert.All(await SynchronousOfPoolAsync(dbs), s => Assert.Equal(configured, s));
        await using (var db = await dbs.CreateDbContextAsync())
        await using (await CacheWrites.BeginAsync(db, CancellationToken.None))
            Assert.Equal(Normal, Synchronous(db));
    }

    /// <summary>The setting of as many pooled connections as the derives above can have used, all lent at once.</summary>
    private static async Task<long[]> SynchronousOfPoolAsync(IDbContextFactory<PictorDbContext> dbs)
    {
        var contexts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => dbs.CreateDbContextAsync()));
        try
        {
            foreach (var db in contexts) await db.Database.OpenConnectionAsync();
            return contexts.Select(Synchronous).ToArray();
        }
        finally
        {
            foreach (var db in contexts) await db.DisposeAsync();
        }
    }

    private static long Synchronous(PictorDbContext db)
    {
        using var command = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)command.ExecuteScalar()!;
    }
}
