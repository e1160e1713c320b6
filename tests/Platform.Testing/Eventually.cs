namespace Platform.Testing;

/// <summary>
/// Waits for an asynchronous outcome (a projection, a consumer, a timer). The limit only keeps a broken test from
/// hanging; it asserts no speed.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> describeFailure) =>
        ReachesAsync(condition, done => done, limit, _ => describeFailure());

    /// <summary>Until <paramref name="condition"/> holds; <paramref name="what"/> names it in the failure.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null) =>
        ReachesAsync(condition, done => done, limit ?? DefaultLimit, _ => what);

    /// <summary>Until <paramref name="probe"/> answers a value that is <paramref name="done"/>; returns that value.</summary>
    public static Task<T> ReachesAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? limit = null) =>
        ReachesAsync(probe, done, limit ?? DefaultLimit, last => $"{what} (last: {last})");

    private static async Task<T> ReachesAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan limit, Func<T, string> describeFailure)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true after {limit.TotalSeconds:F0} s: {describeFailure(value)}");
            await Task.Delay(100);
        }
    }
}
