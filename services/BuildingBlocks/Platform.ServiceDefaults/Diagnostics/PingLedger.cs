using System.Collections.Concurrent;

namespace Platform.ServiceDefaults.Diagnostics;

/// <summary>The most recent pings this instance received; bounded, because it only answers "did it arrive".</summary>
public sealed class PingLedger
{
    private const int Capacity = 1024;
    private readonly ConcurrentDictionary<Guid, PingReceipt> receipts = new();
    private readonly ConcurrentQueue<Guid> order = new();

    public void Record(PingReceipt receipt)
    {
        if (!receipts.TryAdd(receipt.PingId, receipt)) return;
        order.Enqueue(receipt.PingId);
        while (order.Count > Capacity && order.TryDequeue(out var oldest)) receipts.TryRemove(oldest, out _);
    }

    public PingReceipt? Find(Guid pingId) => receipts.GetValueOrDefault(pingId);
}

public sealed record PingReceipt(Guid PingId, string SentBy, string ReceivedBy, DateTimeOffset SentAt, DateTimeOffset ReceivedAt);
