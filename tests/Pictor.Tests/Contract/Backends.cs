using Pictor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictor.Tests.Contract;

// The contract suite is written once (the abstract classes in this folder) and run against each backend:
// the embedded default (SQLite + local files) and cluster mode (PostgreSQL + S3, real servers). One line
// per class and backend; a new contract class gets its two lines here.

public sealed class OriginalsOnSqlite(PictorFixture backend) : OriginalsTests<PictorFixture>(backend);
public sealed class OriginalsOnPostgresS3(ClusterFixture backend) : OriginalsTests<ClusterFixture>(backend);

public sealed class DerivedOnSqlite(PictorFixture backend) : DerivedTests<PictorFixture>(backend);
public sealed class DerivedOnPostgresS3(ClusterFixture backend) : DerivedTests<ClusterFixture>(backend);

public sealed class OperationsOnSqlite(PictorFixture backend) : OperationsTests<PictorFixture>(backend);
public sealed class OperationsOnPostgresS3(ClusterFixture backend) : OperationsTests<ClusterFixture>(backend);

public sealed class ConfigurationOnSqlite(PictorFixture backend) : ConfigurationTests<PictorFixture>(backend);
public sealed class ConfigurationOnPostgresS3(ClusterFixture backend) : ConfigurationTests<ClusterFixture>(backend);

public sealed class CorpusOnSqlite(PictorFixture backend, ITestOutputHelper output) : CorpusTests<PictorFixture>(backend, output);
public sealed class CorpusOnPostgresS3(ClusterFixture backend, ITestOutputHelper output) : CorpusTests<ClusterFixture>(backend, output);

public sealed class PymagerCompatibilityOnSqlite(PictorFixture backend) : PymagerCompatibilityTests<PictorFixture>(backend);
public sealed class PymagerCompatibilityOnPostgresS3(ClusterFixture backend) : PymagerCompatibilityTests<ClusterFixture>(backend);

public sealed class FocalPointOnSqlite(PictorFixture backend) : FocalPointTests<PictorFixture>(backend);
public sealed class FocalPointOnPostgresS3(ClusterFixture backend) : FocalPointTests<ClusterFixture>(backend);

public sealed class TagsAndAttributesOnSqlite(PictorFixture backend) : TagsAndAttributesTests<PictorFixture>(backend);
public sealed class TagsAndAttributesOnPostgresS3(ClusterFixture backend) : TagsAndAttributesTests<ClusterFixture>(backend);

public sealed class ListingFiltersOnSqlite(PictorFixture backend) : ListingFiltersTests<PictorFixture>(backend);
public sealed class ListingFiltersOnPostgresS3(ClusterFixture backend) : ListingFiltersTests<ClusterFixture>(backend);

public sealed class PurgeOnSqlite(PictorFixture backend) : PurgeTests<PictorFixture>(backend);
public sealed class PurgeOnPostgresS3(ClusterFixture backend) : PurgeTests<ClusterFixture>(backend);

public sealed class StorageStatsOnSqlite(PictorFixture backend) : StorageStatsTests<PictorFixture>(backend);
public sealed class StorageStatsOnPostgresS3(ClusterFixture backend) : StorageStatsTests<ClusterFixture>(backend);

public sealed class RangeOnSqlite(PictorFixture backend) : RangeTests<PictorFixture>(backend);
public sealed class RangeOnPostgresS3(ClusterFixture backend) : RangeTests<ClusterFixture>(backend);
