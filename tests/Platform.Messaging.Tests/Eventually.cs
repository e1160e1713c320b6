namespace Platform.Messaging.Tests;

/// <summary>Waits for an asynchronous outcome; the limit only keeps a broken test from hanging, it asserts no speed.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> describeFailure)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested) throw new TimeoutException($"Still not true after {limit}: {describeFailure()}");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
