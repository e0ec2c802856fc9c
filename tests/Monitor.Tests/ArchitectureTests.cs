using System.Reflection;
using Monitor.Domain;
using NetArchTest.Rules;

namespace Monitor.Tests;

/// <summary>
/// The dependency directions of DESIGN.md's data flow, held by the compiled library: a stage never
/// reaches back into an earlier one, and the domain vocabulary depends on nothing of the project.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Library = typeof(Item).Assembly;

    public static TheoryData<string, string> ForbiddenDependencies { get; } = new()
    {
        { "Monitor.Collection", "Monitor.Storage" },
        { "Monitor.Collection", "Monitor.Pipeline" },
        { "Monitor.Collection", "Monitor.Enrichment" },
        { "Monitor.Collection", "Monitor.Language" },
        { "Monitor.Collection", "Monitor.Reporting" },
        { "Monitor.Collection", "Monitor.Transfer" },
        { "Monitor.Pipeline", "Monitor.Reporting" },
        { "Monitor.Transfer", "Monitor.Collection" },
        { "Monitor.Reporting", "Monitor.Collection" },
        { "Monitor.Extraction", "Monitor.Collection" },
        { "Monitor.Language", "Monitor.Storage" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenDependencies))]
    public void Namespace_ForbiddenDependency_NoTypeHasIt(string from, string to)
    {
        var result = Types.InAssembly(Library).That().ResideInNamespace(from).ShouldNot().HaveDependencyOn(to).GetResult();

        Offenders(result).ShouldBeEmpty($"{from} must not depend on {to}");
    }

    [Fact]
    public void Domain_DependsOnNothingOfTheProject()
    {
        var others = Library.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("Monitor.", StringComparison.Ordinal) && !n.StartsWith("Monitor.Domain", StringComparison.Ordinal))
            .Select(n => string.Join('.', n.Split('.').Take(2)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        others.ShouldContain("Monitor.Storage", "the rule must be checked against the project's real namespaces");

        var result = Types.InAssembly(Library).That().ResideInNamespace("Monitor.Domain").ShouldNot().HaveDependencyOnAny(others).GetResult();

        Offenders(result).ShouldBeEmpty();
    }

    [Fact]
    public void Rules_TypeThatBreaksOne_IsCaught()
    {
        // A rule that can never fail proves nothing: the pipeline does depend on collection, so the
        // same check pointed the other way must name offenders.
        var result = Types.InAssembly(Library).That().ResideInNamespace("Monitor.Pipeline").ShouldNot().HaveDependencyOn("Monitor.Collection").GetResult();

        Offenders(result).ShouldContain("Monitor.Pipeline.CollectionRunner");

        // A namespace names its sub-namespaces too: the SQLite crawl state uses Monitor.Collection.Web's records.
        var nested = Types.InAssembly(Library).That().ResideInNamespace("Monitor.Storage").ShouldNot().HaveDependencyOn("Monitor.Collection").GetResult();
        Offenders(nested).ShouldContain("Monitor.Storage.Sqlite.SqliteCrawlState");
    }

    private static IReadOnlyList<string> Offenders(TestResult result) =>
        result.IsSuccessful ? [] : [.. (result.FailingTypeNames ?? []).Where(n => !n.Contains('<', StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
