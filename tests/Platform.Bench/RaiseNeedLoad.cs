using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// The raise-need command (POST needs) sent by concurrent clients for a fixed time, each client waiting for its answer
/// before it sends the next. Every answer must be 201 with the new need's id; anything else stops the benchmark with
/// the request and the response.
/// </summary>
internal static class RaiseNeedLoad
{
    public const string GatewayPath = "api/needs/needs";
    public const string ServicePath = "needs";

    /// <summary>What a community's staff member enters for a resident who called in: a need of their own community.</summary>
    private static readonly byte[] Body = JsonSerializer.SerializeToUtf8Bytes(new
    {
        title = "楼道堆放杂物影响通行",
        description = "3号楼2单元一至三层楼道长期堆放纸箱和旧家具，居民反映影响通行并有消防隐患，请社区协调清理。",
        category = "env",
        urgency = "normal",
        place = new { streetId = NeedsPlatform.StreetId, communityId = NeedsPlatform.CommunityId },
        reporter = new { name = "王建国", phone = "13800001234" },
        channel = "staff",
    });

    // After Body: static fields initialize in order.
    public static readonly string BodyJson = System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>A round: how many needs were raised, in how long, and each one's latency (ms) and id.</summary>
    public sealed record Round(int Count, TimeSpan Elapsed, List<double> Latencies, List<string> Ids)
    {
        public double PerSecond => Count / Elapsed.TotalSeconds;
    }

    /// <summary>Every client raises needs, one after another, until <paramref name="duration"/> has passed; the round
    /// ends when the last answer is in.</summary>
    public static async Task<Round> RunAsync(IReadOnlyList<HttpClient> clients, string path, TimeSpan duration)
    {
        var perClient = clients.Select(_ => (Latencies: new List<double>(), Ids: new List<string>())).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            var (latencies, ids) = perClient[index];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                ids.Add(await RaiseAsync(client, path));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed;
        return new Round(
            perClient.Sum(client => client.Ids.Count), elapsed,
            [.. perClient.SelectMany(client => client.Latencies)], [.. perClient.SelectMany(client => client.Ids)]);
    }

    private static int idCollisions;

    /// <summary>How many raises answered 409 "记录已存在" and were sent again (see <see cref="RaiseAsync"/>).</summary>
    public static int IdCollisions => Volatile.Read(ref idCollisions);

    /// <summary>The last 409's problem document, to show which stream existed already.</summary>
    public static string? LastConflict { get; private set; }

    /// <summary>Raises one need and returns its id, from the 201 answer.</summary>
    public static async Task<string> RaiseAsync(HttpClient client, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ByteArrayContent(Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(path, content);
            var answer = await response.Content.ReadAsStringAsync();
            // The service draws a need's id from 32 random bits per day (N{yyyyMMdd}-{8 hex digits}); among the tens of
            // thousands of needs a run raises in one day, two draws meet now and then, and the second stream exists already.
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < 3)
            {
                Interlocked.Increment(ref idCollisions);
                LastConflict = answer;
                continue;
            }
            return NeedIdOf(client, path, response, answer);
        }
    }

    private static string NeedIdOf(HttpClient client, string path, HttpResponseMessage response, string answer)
    {
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException(
                $"POST {new Uri(client.BaseAddress!, path)} {BodyJson}\n answered {(int)response.StatusCode} {response.ReasonPhrase}, expected 201 Created: {answer}");
        }
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } needId
            ? needId
            : throw new InvalidOperationException($"POST {new Uri(client.BaseAddress!, path)} answered 201 without an id: {answer}");
    }

    public static double Percentile(IReadOnlyList<double> sortedValues, double fraction) =>
        sortedValues[Math.Max(0, (int)Math.Ceiling(sortedValues.Count * fraction) - 1)];
}
