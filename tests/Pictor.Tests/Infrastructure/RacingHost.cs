using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Storage;

namespace Pictor.Tests.Infrastructure;

/// <summary>The service in-process on SQLite and local files behind a <see cref="RacingBlobStore"/>, with an admin client.</summary>
public sealed class RacingHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public RacingHost(string dataDirectory)
    {
        _factory = new PictorFactory(new Dictionary<string, string?>(), dataDirectory: dataDirectory)
            .WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            {
                s.AddSingleton(sp => new RacingBlobStore(sp.GetRequiredService<FileSystemBlobStore>()));
                s.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<RacingBlobStore>());
            }));
        Store = _factory.Services.GetRequiredService<RacingBlobStore>();
        Client = _factory.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PictorFactory.ApiKey);
    }

    public RacingBlobStore Store { get; }

    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
