using System.Diagnostics;

namespace Platform.Bench;

internal static class Progress
{
    private static readonly Stopwatch SinceStart = Stopwatch.StartNew();

    public static void Report(string line) => Console.WriteLine($"[{SinceStart.Elapsed:mm\\:ss}] {line}");
}
