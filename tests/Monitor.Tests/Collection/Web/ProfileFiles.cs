using Monitor.Extraction;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Monitor.Tests.Collection.Web;

/// <summary>
/// Reads <c>pipelines/profiles/*.yaml</c> for the web tests, strictly: an unknown key fails, as the
/// shared decisions require of every pipelines file.
/// </summary>
internal static class ProfileFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Folder => Path.Combine(RepositoryRoot, "pipelines", "profiles");

    public static SiteProfile Load(string name)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var file = deserializer.Deserialize<ProfileFile>(File.ReadAllText(Path.Combine(Folder, name + ".yaml")));
        return new SiteProfile(
            file.Name ?? throw new InvalidDataException($"{name}.yaml has no name."),
            file.Hosts ?? [],
            file.Title,
            file.Published,
            file.DateFormats ?? [],
            file.Author,
            file.Category,
            file.Body,
            file.Remove ?? [],
            file.CommentCount,
            file.ArticleLinks,
            file.NextPage);
    }

    public static IReadOnlyDictionary<string, SiteProfile> LoadAll() =>
        Directory.GetFiles(Folder, "*.yaml").Select(f => Load(Path.GetFileNameWithoutExtension(f))).ToDictionary(p => p.Name);

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

    private sealed class ProfileFile
    {
        public string? Name { get; set; }

        public List<string>? Hosts { get; set; }

        public string? Title { get; set; }

        public string? Published { get; set; }

        public List<string>? DateFormats { get; set; }

        public string? Author { get; set; }

        public string? Category { get; set; }

        public string? Body { get; set; }

        public List<string>? Remove { get; set; }

        public string? CommentCount { get; set; }

        public string? ArticleLinks { get; set; }

        public string? NextPage { get; set; }
    }
}
