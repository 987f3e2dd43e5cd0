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

public sealed class PymagerCompatibilityOnSqlite(PictorFixture backend) : PymagerCompatibilityTests<PictorFixture>(backend);
public sealed class PymagerCompatibilityOnPostgresS3(ClusterFixture backend) : PymagerCompatibilityTests<ClusterFixture>(backend);
public sealed class PymagerCompatibilityOnMariaDbS3(MariaDbClusterFixture backend) : PymagerCompatibilityTests<MariaDbClusterFixture>(backend);

public sealed class TransformOnSqlite(PictorFixture backend) : TransformTests<PictorFixture>(backend);
public sealed class TransformOnPostgresS3(ClusterFixture backend) : TransformTests<ClusterFixture>(backend);

public sealed class TransformAccessOnSqlite(PictorFixture backend) : TransformAccessTests<PictorFixture>(backend);
public sealed class TransformAccessOnPostgresS3(ClusterFixture backend) : TransformAccessTests<ClusterFixture>(backend);

public sealed class FocalPointOnSqlite(PictorFixture backend) : FocalPointTests<PictorFixture>(backend);
public sealed class FocalPointOnPostgresS3(ClusterFixture backend) : FocalPointTests<ClusterFixture>(backend);
public sealed class FocalPointOnMariaDbS3(MariaDbClusterFixture backend) : FocalPointTests<MariaDbClusterFixture>(backend);

public sealed class TagsAndAttributesOnSqlite(PictorFixture backend) : TagsAndAttributesTests<PictorFixture>(backend);
public sealed class TagsAndAttributesOnPostgresS3(ClusterFixture backend) : TagsAndAttributesTests<ClusterFixture>(backend);
public sealed class TagsAndAttributesOnMariaDbS3(MariaDbClusterFixture backend) : TagsAndAttributesTests<MariaDbClusterFixture>(backend);

public sealed class ListingFiltersOnSqlite(PictorFixture backend) : ListingFiltersTests<PictorFixture>(backend);
public sealed class ListingFiltersOnPostgresS3(ClusterFixture backend) : ListingFiltersTests<ClusterFixture>(backend);
public sealed class ListingFiltersOnMariaDbS3(MariaDbClusterFixture backend) : ListingFiltersTests<MariaDbClusterFixture>(backend);

public sealed class PurgeOnSqlite(PictorFixture backend) : PurgeTests<PictorFixture>(backend);
public sealed class PurgeOnPostgresS3(ClusterFixture backend) : PurgeTests<ClusterFixture>(backend);
public sealed class PurgeOnMariaDbS3(MariaDbClusterFixture backend) : PurgeTests<MariaDbClusterFixture>(backend);

public sealed class StorageStatsOnSqlite(PictorFixture backend) : StorageStatsTests<PictorFixture>(backend);
public sealed class StorageStatsOnPostgresS3(ClusterFixture backend) : StorageStatsTests<ClusterFixture>(backend);
public sealed class StorageStatsOnMariaDbS3(MariaDbClusterFixture backend) : StorageStatsTests<MariaDbClusterFixture>(backend);

public sealed class RangeOnSqlite(PictorFixture backend) : RangeTests<PictorFixture>(backend);
public sealed class RangeOnPostgresS3(ClusterFixture backend) : RangeTests<ClusterFixture>(backend);
public sealed class RangeOnMariaDbS3(MariaDbClusterFixture backend) : RangeTests<MariaDbClusterFixture>(backend);

public sealed class LevelsOnSqlite(PictorFixture backend) : LevelsTests<PictorFixture>(backend);
public sealed class LevelsOnPostgresS3(ClusterFixture backend) : LevelsTests<ClusterFixture>(backend);

public sealed class PlaceholderOnSqlite(PictorFixture backend) : PlaceholderTests<PictorFixture>(backend);
public sealed class PlaceholderOnPostgresS3(ClusterFixture backend) : PlaceholderTests<ClusterFixture>(backend);
public sealed class PlaceholderOnMariaDbS3(MariaDbClusterFixture backend) : PlaceholderTests<MariaDbClusterFixture>(backend);

public sealed class PrivateOriginalsOnSqlite(PictorFixture backend) : PrivateOriginalsTests<PictorFixture>(backend);
public sealed class PrivateOriginalsOnPostgresS3(ClusterFixture backend) : PrivateOriginalsTests<ClusterFixture>(backend);
public sealed class PrivateOriginalsOnMariaDbS3(MariaDbClusterFixture backend) : PrivateOriginalsTests<MariaDbClusterFixture>(backend);

public sealed class UploadByUrlOnSqlite(PictorFixture backend) : UploadByUrlTests<PictorFixture>(backend);
public sealed class UploadByUrlOnPostgresS3(ClusterFixture backend) : UploadByUrlTests<ClusterFixture>(backend);
public sealed class UploadByUrlOnMariaDbS3(MariaDbClusterFixture backend) : UploadByUrlTests<MariaDbClusterFixture>(backend);

public sealed class HitCacheOnSqlite(PictorFixture backend) : HitCacheTests<PictorFixture>(backend);
public sealed class HitCacheOnPostgresS3(ClusterFixture backend) : HitCacheTests<ClusterFixture>(backend);
