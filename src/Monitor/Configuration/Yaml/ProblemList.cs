using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Monitor.Configuration.Yaml;

/// <summary>Collects problems across every file so validation reports all of them at once.</summary>
internal sealed class ProblemList
{
    private readonly List<ConfigurationProblem> problems = [];

    public int Count => problems.Count;

    public IReadOnlyList<ConfigurationProblem> Sorted() =>
        [.. problems.Distinct().OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column)];

    public void Add(string file, Mark at, string message) => problems.Add(new ConfigurationProblem(file, (int)at.Line, (int)at.Column, message));

    public void Add(string file, YamlNode at, string message) => Add(file, at.Start, message);

    /// <summary>A problem about a whole file (missing, unreadable): reported at line 1.</summary>
    public void Add(string file, string message) => problems.Add(new ConfigurationProblem(file, 1, 1, message));
}
