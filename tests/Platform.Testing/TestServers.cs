using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Platform.Testing;

/// <summary>
/// The PostgreSQL server and RabbitMQ node of one test run: containers of the project's own images (deploy/images),
/// started with Testcontainers. Test processes of the same run (same PLATFORM_TEST_RUN_ID, which ./platform test
/// sets) join the containers the first one started, and ./platform test removes them at the end; without a run id
/// each test process owns its containers and a watchdog removes them when it exits. A later run removes what a
/// crashed one left. PLATFORM_TEST_POSTGRES and PLATFORM_TEST_RABBITMQ point the tests at servers that already run.
/// </summary>
public static class TestServers
{
    public const string RootFolder = "/tmp/platform-tests";

    /// <summary>Every container of a run carries this label with the run id, so that whoever cleans up finds them.</summary>
    public const string RunLabel = "platform.test-run";

    private const string EndpointsFile = "servers.json";
    private const string PostgresPassword = "postgres";
    private const string RabbitMqUser = "guest";
    private const ushort RabbitMqManagementPort = 15672;
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(6);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ServerEndpoints? endpoints;

    /// <summary>The run whose containers this process uses; null when the tests use servers from the environment.</summary>
    public static string? RunId { get; private set; }

    public static async Task<ServerEndpoints> AcquireAsync()
    {
        if (endpoints is not null) return endpoints;
        await Gate.WaitAsync();
        try
        {
            return endpoints ??= await FromEnvironment() ?? await StartOrJoinRun();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static Task<ServerEndpoints?> FromEnvironment()
    {
        var postgres = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ");
        if (string.IsNullOrWhiteSpace(postgres) && string.IsNullOrWhiteSpace(rabbit)) return Task.FromResult<ServerEndpoints?>(null);
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbit))
            throw new InvalidOperationException("Set both PLATFORM_TEST_POSTGRES (an Npgsql connection string) and PLATFORM_TEST_RABBITMQ (amqp://user:password@host:port/), or neither.");
        var amqp = new Uri(rabbit);
        var management = Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } value
            ? new Uri(value)
            : new Uri($"http://{amqp.Host}:15672/");
        return Task.FromResult<ServerEndpoints?>(new ServerEndpoints(postgres, amqp, management));
    }

    private static async Task<ServerEndpoints> StartOrJoinRun()
    {
        var runId = Environment.GetEnvironmentVariable("PLATFORM_TEST_RUN_ID");
        var ownedByThisProcess = string.IsNullOrWhiteSpace(runId);
        if (ownedByThisProcess) runId = $"proc-{Environment.ProcessId}";
        RunId = runId;

        await DockerEngine.ConfigureTestcontainersAsync();
        Directory.CreateDirectory(RootFolder);
        await CleanUpCrashedRunsAsync();
        var runFolder = Path.Combine(RootFolder, runId!);

        // Several test assemblies of one run start at once; a lock file lets exactly one of them start the servers.
        await using var runLock = await AcquireLock(Path.Combine(RootFolder, runId + ".lock"));
        var endpointsPath = Path.Combine(runFolder, EndpointsFile);
        if (File.Exists(endpointsPath))
        {
            var existing = JsonSerializer.Deserialize<ServerEndpoints>(await File.ReadAllTextAsync(endpointsPath))!;
            if (await PostgresAnswers(existing.PostgresAdmin)) return existing;
            await RemoveRunAsync(runFolder);
        }

        Directory.CreateDirectory(runFolder);
        if (ownedByThisProcess) StartWatchdog(runFolder, runId!);
        var images = PlatformImages.Resolve();
        var postgres = StartPostgres(images.Postgres, runId!);
        var rabbitMq = StartRabbitMq(images.RabbitMq, runId!);
        var result = new ServerEndpoints(await postgres, (await rabbitMq).Amqp, (await rabbitMq).Management);
        await File.WriteAllTextAsync(endpointsPath, JsonSerializer.Serialize(result));
        return result;
    }

    private static async Task<string> StartPostgres(string image, string runId)
    {
        // Never disposed here: other test processes of the run use the container; the run's clean-up removes it.
        var container = new PostgreSqlBuilder(image)
            .WithLabel(RunLabel, runId)
            .WithUsername("postgres")
            .WithPassword(PostgresPassword)
            .WithDatabase("postgres")
            // The test processes run several platforms side by side, each of five hosts with its own pools and Marten
            // daemons (three of them with a figures subscription too); 400 was once too few (2026-12-08).
            .WithCommand("-c", "max_connections=600")
            // Docker's 64 MB of /dev/shm is too little for PostgreSQL's parallel queries over a large table.
            .WithCreateParameterModifier(parameters => parameters.HostConfig!.ShmSize = 512L * 1024 * 1024)
            .Build();
        await container.StartAsync();
        return new NpgsqlConnectionStringBuilder(container.GetConnectionString())
        {
            Pooling = true,
            IncludeErrorDetail = true,
            // On two cores, with several platforms starting side by side, a new backend can take longer than the default
            // 15 s to accept; waiting longer is what a busy production database would be given too.
            Timeout = 60,
            // A demo load writes 25 histories with their inline views per transaction; on two cores shared with a build
            // or another platform starting, one batch was seen to pass the default 30 s (the security tests' platform,
            // 2026-12-07). Slow is not wrong here: give a command two minutes.
            CommandTimeout = 120,
            // Dozens of hosts share this server; a pool's idle connections are closed after 15 s instead of 5 minutes,
            // so a platform that went quiet gives its connections back to the others.
            ConnectionIdleLifetime = 15,
        }.ConnectionString;
    }

    private static async Task<(Uri Amqp, Uri Management)> StartRabbitMq(string image, string runId)
    {
        var container = new RabbitMqBuilder(image)
            .WithLabel(RunLabel, runId)
            .WithUsername(RabbitMqUser)
            .WithPassword(RabbitMqUser)
            .WithPortBinding(RabbitMqManagementPort, true)
            .Build();
        await container.StartAsync();
        var amqp = new UriBuilder("amqp", container.Hostname, container.GetMappedPublicPort(RabbitMqBuilder.RabbitMqPort))
        {
            UserName = RabbitMqUser,
            Password = RabbitMqUser,
            Path = "/",
        }.Uri;
        var management = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(RabbitMqManagementPort)}/");
        await WaitForManagementApiAsync(management, amqp);
        return (amqp, management);
    }

    /// <summary>"Server startup complete" is logged a moment before the management plugin answers.</summary>
    private static async Task WaitForManagementApiAsync(Uri management, Uri amqp)
    {
        using var http = ManagementClient(management, amqp);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("api/overview");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"RabbitMQ's management API did not answer at {management} within 60 s.");
            await Task.Delay(250);
        }
    }

    /// <summary>A client of the node's management API, with the credentials of <paramref name="amqp"/>.</summary>
    internal static HttpClient ManagementClient(Uri management, Uri amqp)
    {
        var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(30) };
        var credentials = Uri.UnescapeDataString(amqp.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return http;
    }

    private static async Task<bool> PostgresAnswers(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// A run whose owning process is gone (a crashed or killed test run) leaves containers behind: remove them and
    /// the run's folder. So are containers of a run that has no folder any more.
    /// </summary>
    private static async Task CleanUpCrashedRunsAsync()
    {
        foreach (var folder in Directory.GetDirectories(RootFolder))
        {
            var name = Path.GetFileName(folder);
            var crashed = name.StartsWith("proc-", StringComparison.Ordinal)
                ? int.TryParse(name["proc-".Length..], out var owner) && owner != Environment.ProcessId && !IsAlive(owner)
                : DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > StaleAfter;
            if (crashed) await RemoveRunAsync(folder);
        }
        foreach (var runId in await DockerEngine.LabelValuesAsync(RunLabel))
        {
            if (!Directory.Exists(Path.Combine(RootFolder, runId)) && !File.Exists(Path.Combine(RootFolder, runId + ".lock")))
                await DockerEngine.RemoveContainersAsync(RunLabel, runId);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task RemoveRunAsync(string runFolder)
    {
        await DockerEngine.RemoveContainersAsync(RunLabel, Path.GetFileName(runFolder));
        try
        {
            Directory.Delete(runFolder, recursive: true);
            File.Delete(runFolder + ".lock");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another process still holds the lock; the next run's clean-up retries.
        }
    }

    /// <summary>
    /// Removes the containers once this test process is gone, however it ends: the test host is often killed by the
    /// runner rather than exiting, and then no exit handler of ours would run. Ryuk, Testcontainers' own reaper,
    /// would do this, but its image cannot be pulled here.
    /// </summary>
    private static void StartWatchdog(string runFolder, string runId)
    {
        var script = $"""
            while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done
            docker ps -aq --filter 'label={RunLabel}={runId}' | xargs -r docker rm -f -v >/dev/null 2>&1
            rm -rf '{runFolder}' '{runFolder}.lock'
            """;
        var start = new ProcessStartInfo("setsid", ["bash", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test containers' watchdog.");
    }

    private static async Task<FileStream> AcquireLock(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(200);
            }
        }
    }
}
