using Monitor.Configuration;
using Monitor.Extraction;

namespace Monitor.Tests.Collection.Web;

/// <summary>The repository's <c>pipelines/profiles/*.yaml</c>, read by the real configuration loader.</summary>
internal static class ProfileFiles
{
    private static readonly Lazy<IReadOnlyDictionary<string, SiteProfile>> Profiles = new(() =>
        PipelineLoader.Load(Path.Combine(FindRoot(), "pipelines")).GetValidConfiguration().Profiles);

    public static IReadOnlyDictionary<string, SiteProfile> LoadAll() => Profiles.Value;

    public static SiteProfile Load(string name) => Profiles.Value[name];

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Monitor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Monitor.sln not found above " + AppContext.BaseDirectory);
    }
}
