namespace Platform.EventSourcing.Monitoring;

/// <summary>
/// What the database says about Marten's daemon at one moment: the newest committed event, the high water mark
/// (below it every event is committed and visible to projections), the ranges the daemon moved its mark across
/// without waiting, and the projection or subscription that is furthest behind.
/// </summary>
/// <param name="Skips">Rows in <c>mt_high_water_skips</c>: ranges the high water mark crossed at once.</param>
/// <param name="PassedHoles">Sequence numbers inside those ranges that no event holds: what rolled-back appends left.</param>
/// <param name="SlowestShard">The async projection or subscription (the relay included) with the lowest position.</param>
public sealed record DaemonProgress(
    long HighestSequence, long HighWaterMark, long Skips, long PassedHoles, string? SlowestShard = null, long SlowestShardSequence = 0);

/// <summary>How the daemon fares, as the monitor reports it to health checks, metrics and the log.</summary>
/// <param name="StalledFor">How long the high water mark has stood still below the newest event, or a projection or
/// subscription below the high water mark, whichever is longer; zero when everything keeps up.</param>
/// <param name="StalledShard">The projection or subscription that stands still, when it is that rather than the high water mark.</param>
/// <remarks>
/// A recorded skip is no finding. The platform's store lets Marten cross a gap only when no live transaction can
/// fill it (<see cref="PlatformEventStore.EnsureGuarantees"/>), so what it crosses are sequence numbers of appends
/// that rolled back, and every version conflict leaves one. Marten records a range even when it holds no hole at
/// all (seen at start-up: 0 to 29 with all 29 events present). A late commit shows as a stall, never as a skip.
/// </remarks>
public sealed record DaemonHealth(DaemonProgress Progress, TimeSpan StalledFor, bool IsStalled, string? StalledShard = null)
{
    public bool IsHealthy => !IsStalled;

    public string Describe() =>
        IsStalled switch
        {
            true when StalledShard is not null =>
                $"投影或订阅「{StalledShard}」停在第 {Progress.SlowestShardSequence} 号事件已 {StalledFor.TotalSeconds:F0} 秒（已提交至第 {Progress.HighWaterMark} 号），多半遇到无法处理的事件，需人工处理。",
            true => $"事件守护进程停在第 {Progress.HighWaterMark} 号事件已 {StalledFor.TotalSeconds:F0} 秒（最新为第 {Progress.HighestSequence} 号），多半有长事务未提交。",
            false when Progress.PassedHoles > 0 =>
                $"事件守护进程正常：已处理至第 {Progress.HighWaterMark} 号事件，越过回滚留下的空号 {Progress.PassedHoles} 个。",
            false => $"事件守护进程正常：已处理至第 {Progress.HighWaterMark} 号事件。",
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
        return new DaemonHealth(progress, longest, IsStalled: longest > StallLimit, StalledShard: shardIsWorse ? progress.SlowestShard : null);
    }
}
