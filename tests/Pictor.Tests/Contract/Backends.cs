using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Contract;

// The contract suite is written once (the abstract classes in this folder) and run against each backend:
// the embedded default (SQLite + local files) and cluster mode (PostgreSQL + S3, MariaDB + S3: real servers).
// One line per class and backend; a new contract class gets its three lines here.

public sealed class OriginalsOnSqlite(PictorFixture backend) : OriginalsTests<PictorFixture>(backend);
public sealed class OriginalsOnPostgresS3(ClusterFixture backend) : OriginalsTests<ClusterFixture>(backend);
public sealed class OriginalsOnMariaDbS3(MariaDbClusterFixture backend) : OriginalsTests<MariaDbClusterFixture>(backend);

public sealed class DerivedOnSqlite(PictorFixture backend) : DerivedTests<PictorFixture>(backend);
public sealed class DerivedOnPostgresS3(ClusterFixture backend) : DerivedTests<ClusterFixture>(backend);
public sealed class DerivedOnMariaDbS3(MariaDbClusterFixture backend) : DerivedTests<MariaDbClusterFixture>(backend);

public sealed class OperationsOnSqlite(PictorFixture backend) : OperationsTests<PictorFixture>(backend);
public sealed class OperationsOnPostgresS3(ClusterFixture backend) : OperationsTests<ClusterFixture>(backend);
public sealed class OperationsOnMariaDbS3(MariaDbClusterFixture backend) : OperationsTests<MariaDbClusterFixture>(backend);

public sealed class ConfigurationOnSqlite(PictorFixture backend) : ConfigurationTests<PictorFixture>(backend);
public sealed class ConfigurationOnPostgresS3(ClusterFixture backend) : ConfigurationTests<ClusterFixture>(backend);
public sealed class ConfigurationOnMariaDbS3(MariaDbClusterFixture backend) : ConfigurationTests<MariaDbClusterFixture>(backend);

public sealed class CorpusOnSqlite(PictorFixture backend, ITestOutputHelper output) : CorpusTests<PictorFixture>(backend, output);
public sealed class CorpusOnPostgresS3(ClusterFixture backend, ITestOutputHelper output) : CorpusTests<ClusterFixture>(backend, output);
public sealed class CorpusOnMariaDbS3(MariaDbClusterFixture backend, ITestOutputHelper output) : CorpusTests<MariaDbClusterFixture>(backend, output);
