namespace Platform.Testing;

/// <summary>A clock the test moves by hand; hosts given it as their TimeProvider see time pass only when told.</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
