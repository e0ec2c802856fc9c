namespace Monitor.Tests.Language;

/// <summary>
/// Finds <c>../shared/datasets</c> beside the repository (or <c>$MONITOR_SHARED/datasets</c>).
/// The data are read in place, never copied into the repository.
/// </summary>
internal static class SharedDatasets
{
    public static string? Folder { get; } = Locate();

    private static string? Locate()
    {
        var overridden = Environment.GetEnvironmentVariable("MONITOR_SHARED");
        if (!string.IsNullOrEmpty(overridden))
        {
            return Directory.Exists(Path.Combine(overridden, "datasets")) ? Path.Combine(overridden, "datasets") : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                var datasets = Path.Combine(dir.FullName, "..", "shared", "datasets");
                return Directory.Exists(datasets) ? Path.GetFullPath(datasets) : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that runs only where the shared datasets exist (always in CI), and says why it skipped otherwise.</summary>
internal sealed class SharedDatasetFactAttribute : FactAttribute
{
    public SharedDatasetFactAttribute()
    {
        if (SharedDatasets.Folder is null)
        {
            Skip = "../shared/datasets not found beside the repository (set MONITOR_SHARED to its parent folder)";
        }
    }
}
