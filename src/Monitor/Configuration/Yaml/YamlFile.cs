using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Monitor.Configuration.Yaml;

/// <summary>Reads one YAML file into its node tree, keeping line and column of every node.</summary>
internal static class YamlFile
{
    /// <summary>The root mapping, or null after reporting why there is none.</summary>
    public static YamlMap? LoadMapping(string path, ProblemList problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            problems.Add(path, $"cannot read the file: {exception.Message}");
            return null;
        }
        catch (UnauthorizedAccessException exception)
        {
            problems.Add(path, $"cannot read the file: {exception.Message}");
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            problems.Add(path, exception.Start, $"YAML syntax: {InnermostMessage(exception)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser gives up this way (no position) when the file ends inside an open '[' or '{'.
            problems.Add(path, LastPosition(text), "YAML syntax: a '[' or '{' is not closed before the end of the file");
            return null;
        }
        catch (ArgumentException exception)
        {
            // Found by the fuzz test: some broken constructs (a key of a kind the node model does not take)
            // end in an ArgumentException without a position.
            problems.Add(path, LastPosition(text), $"YAML syntax: the file cannot be read past this point ({exception.Message})");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            problems.Add(path, "the file is empty");
            return null;
        }

        return YamlMap.From(stream.Documents[0].RootNode, path, problems, "the file");
    }

    /// <summary>Where the parser last stood before failing: the start of the last event it could read.</summary>
    private static Mark LastPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current?.Start ?? last;
            }
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            // Expected: this is the failure being located.
        }

        return last;
    }

    private static string InnermostMessage(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message;
    }
}
