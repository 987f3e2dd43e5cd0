namespace Pictor.Tests.Infrastructure;

/// <summary>
/// A <see cref="ClusterFactory"/> on MariaDB (provider <c>mysql</c>) and S3 with default settings, shared by the
/// tests of one class: cluster mode as an operator with MySQL or MariaDB sets it up (the file store would be
/// simpler, but one instance's disk is not what several instances share).
/// </summary>
public sealed class MariaDbClusterFixture() : ClusterFactory(ScopedKeys(), backend: DatabaseBackend.MariaDb), IAsyncLifetime
{
    public Task InitializeAsync() => ProvisionAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
