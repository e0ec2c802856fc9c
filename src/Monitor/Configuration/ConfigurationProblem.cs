namespace Monitor.Configuration;

/// <summary>One thing wrong with the configuration, where it is (1-based line and column).</summary>
public sealed record ConfigurationProblem(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style form editors and CI logs understand: <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Thrown when configuration is used without being valid; carries every problem, not just the first.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public InvalidConfigurationException()
        : this([])
    {
    }

    public InvalidConfigurationException(string message)
        : base(message)
    {
        Problems = [];
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<ConfigurationProblem> Problems { get; } = [];

    private static string Describe(IReadOnlyList<ConfigurationProblem> problems) =>
        $"The configuration has {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems);
}
