using Pictor.Consistency;
using Pictor.Hosting;

// Once, before anything else: re-executes with MALLOC_ARENA_MAX=2 unless the operator chose a value.
MallocArenaLimit.Apply();

// `pictor check [--repair]` verifies that the database and the blob store agree; anything else serves.
var command = args.FirstOrDefault() is "check" ? args : [];
var builder = WebApplication.CreateBuilder(command.Length > 0 ? [] : args);
builder.AddPictor();
var app = builder.Build();

if (command.Length > 0)
{
    await using (app)
    {
        // Without --repair the check only reads: no start-up recovery either.
        var repair = command.Contains("--repair");
        await app.PrepareAsync(recover: false);
        var findings = await app.Services.GetRequiredService<ConsistencyCheck>().RunAsync(repair, Console.Out, CancellationToken.None);
        return findings.Count == 0 || repair ? 0 : 1;
    }
}

await app.PrepareAsync();
app.UsePictor();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
