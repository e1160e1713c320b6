namespace Platform.EventSourcing.Monitoring;

/// <summary>
/// What the database says about Marten's daemon at one moment: the newest committed event, the high water mark
/// (below it every event is committed and visible to projections), and the gaps the daemon ever skipped.
/// </summary>
public sealed record DaemonProgress(long HighestSequence, long HighWaterMark, long Skips, long SkippedSequences);

/// <summary>How the daemon fares, as the monitor reports it to health checks, metrics and the log.</summary>
/// <param name="StalledFor">How long the high water mark has stood still below the newest event; zero when it keeps up.</param>
public sealed record DaemonHealth(DaemonProgress Progress, TimeSpan StalledFor, bool IsStalled, bool HasSkipped)
{
    public bool IsHealthy => !IsStalled && !HasSkipped;

    public string Describe() =>
        (HasSkipped, IsStalled) switch
        {
            (true, _) => $"事件守护进程曾跳过 {Progress.SkippedSequences} 个序号（{Progress.Skips} 处），可能有事件未被投影或转发，需人工核查。",
            (_, true) => $"事件守护进程停在第 {Progress.HighWaterMark} 号事件已 {StalledFor.TotalSeconds:F0} 秒（最新为第 {Progress.HighestSequence} 号），多半有长事务未提交。",
            _ => $"事件守护进程正常：已处理至第 {Progress.HighWaterMark} 号事件。",
        };
}

/// <summary>
/// Turns successive observations into a verdict. A stall is the high water mark standing still below the newest
/// committed event: a transaction that appended and has not committed holds it there, which is the daemon waiting
/// as it must. It becomes a finding only after <see cref="StallLimit"/>, so that a normal commit is never reported.
/// </summary>
public sealed class DaemonStallTracker(TimeSpan stallLimit)
{
    private long? stuckAt;
    private DateTimeOffset stuckSince;

    public TimeSpan StallLimit { get; } = stallLimit;

    public DaemonHealth Observe(DaemonProgress progress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var behind = progress.HighWaterMark < progress.HighestSequence;
        if (!behind) stuckAt = null;
        else if (stuckAt != progress.HighWaterMark)
        {
            stuckAt = progress.HighWaterMark;
            stuckSince = now;
        }
        var stalledFor = stuckAt is null ? TimeSpan.Zero : now - stuckSince;
        return new DaemonHealth(progress, stalledFor, IsStalled: stalledFor > StallLimit, HasSkipped: progress.Skips > 0);
    }
}
