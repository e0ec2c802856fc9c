namespace Monitor.Tests.Support;

/// <summary>Where the repository and the shared material are, from wherever the tests run.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Pipelines => Path.Combine(Root, "pipelines");

    /// <summary><c>../shared</c> beside the repository, or <c>MONITOR_SHARED</c> when set.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("MONITOR_SHARED") is { Length: > 0 } overridden
            ? overridden
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Monitor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Monitor.sln not found above {AppContext.BaseDirectory}");
    }
}
