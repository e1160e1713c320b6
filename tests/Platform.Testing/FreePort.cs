using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

public static class FreePort
{
    // Below Linux's ephemeral range (32768–60999): a port the OS handed out as "free" from that range was taken, before
    // the host bound it, as the source port of one of the tests' own outgoing connections (address already in use).
    private const int First = 20_000;
    private const int Last = 32_000;

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port nobody listens on right now and that this process has not handed out before. Random,
    /// so test runs side by side rarely try the same one; each is tried by binding it.</summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                if (HandedOut.Contains(port) || !CanBind(port)) continue;
                HandedOut.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {Last} after 1000 tries.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
