using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Cluster;

// The multi-instance tests are written once and run on each database cluster mode supports.

public sealed class TwoInstancesOnPostgres() : TwoInstances(DatabaseBackend.Postgres);
public sealed class TwoInstancesOnMariaDb() : TwoInstances(DatabaseBackend.MariaDb);

public sealed class MultiInstanceOnPostgres(TwoInstancesOnPostgres instances, ITestOutputHelper output)
    : MultiInstanceTests<TwoInstancesOnPostgres>(instances, output);
public sealed class MultiInstanceOnMariaDb(TwoInstancesOnMariaDb instances, ITestOutputHelper output)
    : MultiInstanceTests<TwoInstancesOnMariaDb>(instances, output);
