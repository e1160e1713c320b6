namespace Platform.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding Platform.sln, found by walking up from the test assembly.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Platform.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"Platform.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The build output of a project of this repository, in the configuration the tests were built in.</summary>
    public static string BuildOutput(string projectFolder, string assemblyName)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = System.IO.Path.Combine(Path, projectFolder, "bin", configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{assemblyName} has not been built in {configuration}: run `dotnet build Platform.sln -c {configuration}`.", path);
    }
}
