namespace Platform.EventSourcing.Monitoring;

/// <summary>
/// What the database says about Marten's daemon at one moment: the newest committed event, the high water mark
/// (below it every event is committed and visible to projections), the gaps the daemon ever skipped, and the
/// projection or subscription that is furthest behind.
/// </summary>
/// <param name="SlowestShard">The async projection or subscription (the relay included) with the lowest position.</param>
public sealed record DaemonProgress(
    long HighestSequence, long HighWaterMark, long Skips, long SkippedSequences, string? SlowestShard = null, long SlowestShardSequence = 0);

/// <summary>How the daemon fares, as the monitor reports it to health checks, metrics and the log.</summary>
/// <param name="StalledFor">How long the high water mark has stood still below the newest event, or a projection or
/// subscription below the high water mark, whichever is longer; zero when everything keeps up.</param>
/// <param name="StalledShard">The projection or subscription that stands still, when it is that rather than the high water mark.</param>
public sealed record DaemonHealth(DaemonProgress Progress, TimeSpan StalledFor, bool IsStalled, bool HasSkipped, string? StalledShard = null)
{
    public bool IsHealthy => !IsStalled && !HasSkipped;

    public string Describe() =>
        (HasSkipped, IsStalled) switch
        {
            (true, _) => $"事件守护进程曾跳过 {Progress.SkippedSequences} 个序号（{Progress.Skips} 处），可能有事件未被投影或转发，需人工核查。",
            (_, true) when StalledShard is not null =>
                $"投影或订阅「{StalledShard}」停在第 {Progress.SlowestShardSequence} 号事件已 {StalledFor.TotalSeconds:F0} 秒（已提交至第 {Progress.HighWaterMark} 号），多半遇到无法处理的事件，需人工处理。",
            (_, true) => $"事件守护进程停在第 {Progress.HighWaterMark} 号事件已 {StalledFor.TotalSeconds:F0} 秒（最新为第 {Progress.HighestSequence} 号），多半有长事务未提交。",
            _ => $"事件守护进程正常：已处理至第 {Progress.HighWaterMark} 号事件。",
        };
}

/// <summary>
/// Turns successive observations into a verdict. A stall is the high water mark standing still below the newest
/// committed event (a transaction that appended and has not committed holds it there, which is the daemon waiting
/// as it must), or a projection or subscription standing still below the high water mark (the daemon stops one at
/// an event it fails on rather than skip it). Either becomes a finding only after <see cref="StallLimit"/>, so that
/// a normal commit or a busy moment is never reported.
/// </summary>
public sealed class DaemonStallTracker(TimeSpan stallLimit)
{
    private long? stuckAt;
    private DateTimeOffset stuckSince;
    private (string Shard, long Sequence)? shardStuckAt;
    private DateTimeOffset shardStuckSince;

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

        var shardBehind = progress.SlowestShard is not null && progress.SlowestShardSequence < progress.HighWaterMark;
        if (!shardBehind) shardStuckAt = null;
        else if (shardStuckAt != (progress.SlowestShard!, progress.SlowestShardSequence))
        {
            shardStuckAt = (progress.SlowestShard!, progress.SlowestShardSequence);
            shardStuckSince = now;
        }
        var shardStalledFor = shardStuckAt is null ? TimeSpan.Zero : now - shardStuckSince;

        var shardIsWorse = shardStalledFor > stalledFor;
        var longest = shardIsWorse ? shardStalledFor : stalledFor;
        return new DaemonHealth(progress, longest, IsStalled: longest > StallLimit, HasSkipped: progress.Skips > 0,
            StalledShard: shardIsWorse ? progress.SlowestShard : null);
    }
}
