namespace Pictor.Tests.Infrastructure;

/// <summary>Waits for a server started by the tests to answer <c>/healthz</c> (or another path) with a success.</summary>
public static class Healthz
{
    /// <param name="exited">Why the server is gone if it exited (then waiting stops), else null.</param>
    /// <param name="log">What the server printed, for the error message.</param>
    /// <param name="path">What to ask for; a server that is not Pictor may have no <c>/healthz</c>.</param>
    public static async Task WaitAsync(string name, Uri baseAddress, Func<string?> exited, Func<string> log, TimeSpan timeout, string path = "/healthz")
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (exited() is { } reason) throw new InvalidOperationException($"{name} {reason} while starting:\n{log()}");
            try
            {
                using var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{name} did not answer {path} within {timeout}:\n{log()}");
    }
}
