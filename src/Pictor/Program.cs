using Pictor.Commands;
using Pictor.Hosting;

// Once, before anything else: re-executes with MALLOC_ARENA_MAX=2 unless the operator chose a value.
MallocArenaLimit.Apply();

// `pictor check [--repair]` and `pictor import-pymager …` are operator's commands; anything else serves.
if (PictorCommands.IsCommand(args)) return await PictorCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddPictor();
var app = builder.Build();
await app.PrepareAsync();
app.UsePictor();
app.ReleaseStartupMemory();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
