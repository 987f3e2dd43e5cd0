using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Derivation;

// As in Contract/Backends.cs: the derivation tests that go through HTTP, written once and run on the embedded
// backend (SQLite + local files) and on cluster mode (PostgreSQL + S3, the shared servers). Each test starts an
// instance of its own settings on fresh stores of that backend (PictorFactory.NewAsync).

public sealed class EagerPresetsOnSqlite(PictorFixture backend) : EagerPresetTests<PictorFixture>(backend);
public sealed class EagerPresetsOnPostgresS3(ClusterFixture backend) : EagerPresetTests<ClusterFixture>(backend);

public sealed class EvictionOnSqlite(PictorFixture backend, ITestOutputHelper output) : EvictionTests<PictorFixture>(backend, output);
public sealed class EvictionOnPostgresS3(ClusterFixture backend, ITestOutputHelper output) : EvictionTests<ClusterFixture>(backend, output);
