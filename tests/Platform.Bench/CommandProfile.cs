using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// What one raise-need command costs a single client: its latency, and the round trips to PostgreSQL made while
/// serving it (the Npgsql commands and batches traced under an ASP.NET Core request of the gateway or the service; the
/// daemon's work in the background is not counted).
/// </summary>
internal static class CommandProfile
{
    public sealed record Cost(double Milliseconds, double RoundTrips, List<string> Ids);

    public static async Task<Cost> MeasureAsync(HttpClient client, string path, int commands)
    {
        var ids = new List<string> { await RaiseNeedLoad.RaiseAsync(client, path) };
        long roundTrips = 0;
        TimeSpan elapsed;
        using (var listener = new ActivityListener
               {
                   ShouldListenTo = source => source.Name == "Npgsql",
                   Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                   ActivityStopped = activity =>
                   {
                       if (activity.Kind == ActivityKind.Client && ServesARequest(activity)) Interlocked.Increment(ref roundTrips);
                   },
               })
        {
            ActivitySource.AddActivityListener(listener);
            var clock = Stopwatch.StartNew();
            for (var command = 0; command < commands; command++) ids.Add(await RaiseNeedLoad.RaiseAsync(client, path));
            elapsed = clock.Elapsed;
        }
        return new Cost(elapsed.TotalMilliseconds / commands, (double)Interlocked.Read(ref roundTrips) / commands, ids);
    }

    private static bool ServesARequest(Activity activity)
    {
        var root = activity;
        while (root.Parent is { } parent) root = parent;
        return root.Source.Name == "Microsoft.AspNetCore";
    }
}
