using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// The PostgreSQL cluster and RabbitMQ node of one test run, started from Debian's packages in a throwaway folder
/// on free loopback ports. Test processes of the same run (same PLATFORM_TEST_RUN_ID, which ./platform test sets)
/// join the servers the first one started; without a run id each test process owns its servers and stops them when
/// it exits. PLATFORM_TEST_POSTGRES and PLATFORM_TEST_RABBITMQ point the tests at existing servers instead.
/// </summary>
public static class TestServers
{
    public const string RootFolder = "/tmp/platform-tests";
    private const string PidsFile = "pids";
    private const string EndpointsFile = "servers.json";
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(6);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Lock PidsFileLock = new();
    private static ServerEndpoints? endpoints;

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

        Directory.CreateDirectory(RootFolder);
        CleanUpCrashedRuns();
        var runFolder = Path.Combine(RootFolder, runId!);

        // Several test assemblies of one run start at once; a lock file lets exactly one of them start the servers.
        await using var runLock = await AcquireLock(Path.Combine(RootFolder, runId + ".lock"));
        var endpointsPath = Path.Combine(runFolder, EndpointsFile);
        if (File.Exists(endpointsPath))
        {
            var existing = JsonSerializer.Deserialize<ServerEndpoints>(await File.ReadAllTextAsync(endpointsPath))!;
            if (await PostgresAnswers(existing.PostgresAdmin)) return existing;
            KillRun(runFolder);
        }

        Directory.CreateDirectory(runFolder);
        var started = await Task.WhenAll(StartPostgres(runFolder), StartRabbitMq(runFolder));
        var result = new ServerEndpoints(started[0].Admin, started[1].Amqp!, started[1].Management!);
        await File.WriteAllTextAsync(endpointsPath, JsonSerializer.Serialize(result));
        if (ownedByThisProcess) StartWatchdog(runFolder);
        return result;
    }

    private sealed record Started(string Admin, Uri? Amqp = null, Uri? Management = null);

    private static async Task<Started> StartPostgres(string runFolder)
    {
        var bin = PostgresBinaries();
        var data = Path.Combine(runFolder, "postgres");
        Directory.CreateDirectory(data);
        ProcessRunner.Chown(data, "postgres");
        var port = FreePort.Next();

        await ProcessRunner.RunAsync(
            ProcessRunner.As("postgres", Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
            TimeSpan.FromMinutes(2));
        // Durability settings are off: these clusters are thrown away, and the tests measure behaviour, not speed.
        var options = $"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await ProcessRunner.RunAsync(
            ProcessRunner.As("postgres", Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(data, "server.log"), "start", "-w", "-t", "60"]),
            TimeSpan.FromMinutes(2));

        var postmasterPid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0]);
        AppendPid(runFolder, postmasterPid);
        return new Started($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true");
    }

    private static async Task<Started> StartRabbitMq(string runFolder)
    {
        const string server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        if (!File.Exists(server))
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not installed ({server} is missing). Install it with `apt-get install -y rabbitmq-server`, " +
                "run `./platform test` (which installs it), or point the tests at a running node with PLATFORM_TEST_RABBITMQ.");
        }
        var folder = Path.Combine(runFolder, "rabbitmq");
        Directory.CreateDirectory(folder);
        var (amqp, management, distribution, epmd) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[rabbitmq_management].\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{amqp}
            management.tcp.port = {management}
            management.tcp.ip = 127.0.0.1
            loopback_users = none
            """);
        ProcessRunner.Chown(folder, "rabbitmq");

        var nodeName = $"test{Environment.ProcessId}x{amqp}@localhost";
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = folder,
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqp.ToString(),
            ["RABBITMQ_DIST_PORT"] = distribution.ToString(),
            ["ERL_EPMD_PORT"] = epmd.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "pid"),
        };
        using var launcher = ProcessRunner.StartDetached(ProcessRunner.As("rabbitmq", server, [], environment));
        AppendPid(runFolder, launcher.Id);

        var managementUri = new Uri($"http://127.0.0.1:{management}/");
        using var http = ManagementClient(managementUri);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("api/overview");
                if (response.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (launcher.HasExited && !File.Exists(Path.Combine(folder, "pid")))
                throw new InvalidOperationException($"RabbitMQ exited during start; see {Path.Combine(folder, "log")}.");
            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                throw new TimeoutException($"RabbitMQ did not answer on port {management} within 90 s; see {Path.Combine(folder, "log")}.");
            await Task.Delay(250);
        }

        var beamPid = int.Parse((await File.ReadAllTextAsync(Path.Combine(folder, "pid"))).Trim());
        AppendPid(runFolder, beamPid);
        foreach (var epmdPid in ProcessRunner.Find("/epmd", $"ERL_EPMD_PORT={epmd}").Where(pid => pid != beamPid)) AppendPid(runFolder, epmdPid);
        return new Started("", new Uri($"amqp://guest:guest@127.0.0.1:{amqp}/"), managementUri);
    }

    internal static HttpClient ManagementClient(Uri managementUri)
    {
        var http = new HttpClient { BaseAddress = managementUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return http;
    }

    private static string PostgresBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            : [];
        return candidates.OrderByDescending(bin => bin, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException(
                "The PostgreSQL server is not installed (no /usr/lib/postgresql/*/bin/initdb). Install it with `apt-get install -y postgresql`, " +
                "run `./platform test` (which installs it), or point the tests at a running server with PLATFORM_TEST_POSTGRES.");
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

    /// <summary>Every process a run starts is listed, so that ./platform test (or a later run) can stop them by pid.</summary>
    private static void AppendPid(string runFolder, int pid)
    {
        lock (PidsFileLock) File.AppendAllText(Path.Combine(runFolder, PidsFile), pid + "\n");
    }

    /// <summary>A run whose owning process is gone (a crashed or killed test run) leaves servers behind: stop and delete them.</summary>
    private static void CleanUpCrashedRuns()
    {
        foreach (var folder in Directory.GetDirectories(RootFolder))
        {
            var name = Path.GetFileName(folder);
            var crashed = name.StartsWith("proc-", StringComparison.Ordinal)
                ? int.TryParse(name["proc-".Length..], out var owner) && owner != Environment.ProcessId && !ProcessRunner.IsAlive(owner)
                : DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > StaleAfter;
            if (crashed) KillRun(folder);
        }
    }

    private static void KillRun(string runFolder)
    {
        var pids = Path.Combine(runFolder, PidsFile);
        if (File.Exists(pids))
        {
            foreach (var line in File.ReadAllLines(pids).Distinct())
            {
                if (int.TryParse(line, out var pid)) ProcessRunner.Kill(pid);
            }
        }
        try
        {
            Directory.Delete(runFolder, recursive: true);
            File.Delete(runFolder + ".lock");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A server still flushing its last files; the next run's clean-up retries.
        }
    }

    /// <summary>
    /// Tears the servers down once this test process is gone, however it ends: the test host is often killed by the
    /// runner rather than exiting, and then no exit handler of ours would run.
    /// </summary>
    private static void StartWatchdog(string runFolder)
    {
        var script = $"""
            while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done
            sort -u '{runFolder}/{PidsFile}' | xargs -r kill -9 2>/dev/null
            sleep 1
            rm -rf '{runFolder}' '{runFolder}.lock'
            """;
        var start = new ProcessStartInfo("setsid", ["bash", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test servers' watchdog.");
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
