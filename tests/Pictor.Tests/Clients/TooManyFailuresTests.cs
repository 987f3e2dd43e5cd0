using Pictor.Client;
using Pictor.Tests.Infrastructure;

namespace Pictor.Tests.Clients;

/// <summary>429 (too many failed authentications) as a typed exception with its Retry-After, on a server of its own.</summary>
public sealed class TooManyFailuresTests(TooManyFailuresTests.Fixture fixture) : IClassFixture<TooManyFailuresTests.Fixture>
{
    public sealed class Fixture : ClientServerFixture
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["Pictor:Auth:FailuresPerMinute"] = "2" };
    }

    [Fact]
    public async Task Guessing_keys_ends_in_TooManyRequests()
    {
        var guesser = fixture.Client("guess");
        var kinds = new List<ProblemKind>();
        PictorProblemException? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await Assert.ThrowsAsync<PictorProblemException>(() => guesser.DeleteAsync("anything"));
            kinds.Add(last.Kind);
        }
        Assert.Equal([ProblemKind.Unauthorized, ProblemKind.Unauthorized, ProblemKind.TooManyRequests, ProblemKind.TooManyRequests], kinds);
        Assert.Equal(429, last!.Status);
        Assert.NotNull(last.RetryAfter);
    }
}
