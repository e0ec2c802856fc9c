using Monitor.Tests.Support;

namespace Monitor.Tests.Language;

/// <summary>
/// <c>datasets/</c> inside the shared folder beside the repository (<see cref="RepositoryPaths.Shared"/>).
/// The data are read in place, never copied into the repository.
/// </summary>
internal static class SharedDatasets
{
    public static string? Folder { get; } =
        Directory.Exists(Path.Combine(RepositoryPaths.Shared, "datasets")) ? Path.Combine(RepositoryPaths.Shared, "datasets") : null;
}

/// <summary>A fact that runs only where the shared datasets exist (always in CI), and says why it skipped otherwise.</summary>
internal sealed class SharedDatasetFactAttribute : FactAttribute
{
    public SharedDatasetFactAttribute()
    {
        if (SharedDatasets.Folder is null)
        {
            Skip = $"shared datasets not found at {RepositoryPaths.Shared}/datasets (set MONITOR_SHARED to the shared folder)";
        }
    }
}
