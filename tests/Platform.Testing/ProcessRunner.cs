using System.Diagnostics;

namespace Platform.Testing;

/// <summary>Runs the server binaries as their own users: PostgreSQL and RabbitMQ both refuse to run as root.</summary>
internal static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    public static ProcessStartInfo As(string user, string executable, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (IsRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", user, "--", "env" }) start.ArgumentList.Add(argument);
            foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.ArgumentList.Add($"{key}={value}");
            start.ArgumentList.Add(executable);
        }
        else
        {
            start.FileName = executable;
            foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>Runs to completion; a non-zero exit raises with the command's own output.</summary>
    public static async Task RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(start)} did not finish within {timeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Describe(start)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    /// <summary>Starts a long-running process without waiting; its output goes nowhere so its pipes never fill up.</summary>
    public static Process StartDetached(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        start.RedirectStandardInput = true;
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
    }

    public static string Describe(ProcessStartInfo start) => $"`{start.FileName} {string.Join(' ', start.ArgumentList)}`";

    public static void Chown(string path, string user)
    {
        if (!IsRoot) return;
        using var process = Process.Start("chown", ["-R", $"{user}:{user}", path]);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"chown {user} {path} failed.");
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Pids whose command line contains <paramref name="commandFragment"/> and whose environment holds
    /// <paramref name="environmentEntry"/>; finds daemons that detach from the process that started them (epmd).</summary>
    public static IEnumerable<int> Find(string commandFragment, string environmentEntry)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid)) continue;
            string commandLine, environment;
            try
            {
                commandLine = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline"));
                environment = File.ReadAllText(System.IO.Path.Combine(directory, "environ"));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (commandLine.Contains(commandFragment, StringComparison.Ordinal) && environment.Split('\0').Contains(environmentEntry))
                yield return pid;
        }
    }
}
