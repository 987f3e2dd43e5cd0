namespace Pictor.Tests.Infrastructure;

/// <summary>Waits on a condition with a generous deadline (CI machines are slow and busy), never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds:F0} s: {what}");
            await Task.Delay(50);
        }
    }
}
