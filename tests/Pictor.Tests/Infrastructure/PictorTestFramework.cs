using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Pictor.Tests.Infrastructure.PictorTestFramework", "Pictor.Tests")]

namespace Pictor.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, plus the end of the run: the runner disposes the framework once every test has
/// finished, which is where the shared <see cref="TestServers"/> stop (a process-exit hook alone runs too
/// late: the runner may end the test host first).
/// </summary>
public sealed class PictorTestFramework : XunitTestFramework
{
    public PictorTestFramework(IMessageSink messageSink) : base(messageSink) => DisposalTracker.Add(new StopServers());

    private sealed class StopServers : IDisposable
    {
        public void Dispose() => TestServers.StopAll();
    }
}
