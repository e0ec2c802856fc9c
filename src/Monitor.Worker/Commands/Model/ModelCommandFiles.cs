using System.Globalization;
using Monitor.Language;

namespace Monitor.Worker.Commands.Model;

/// <summary>File handling shared by the model subcommands: clear messages instead of stack traces.</summary>
internal static class ModelCommandFiles
{
    public static bool TryReadLabelled(FileInfo file, string role, TextWriter error, out List<LabelledText> examples)
    {
        examples = [];
        if (!file.Exists)
        {
            error.WriteLine($"The {role} file '{file.FullName}' does not exist.");
            return false;
        }

        var (read, report) = LabelledTextFile.Read(file.FullName);
        examples = read;
        Describe(file, role, read.Count, report, error);
        if (read.Count == 0)
        {
            error.WriteLine($"The {role} file '{file.FullName}' holds no 'label<TAB>text' lines.");
        }

        return true;
    }

    public static void Describe(FileInfo file, string role, int used, LabelledTextFileReport report, TextWriter error)
    {
        var skipped = report.EmptyLines + report.LinesWithoutLabel;
        var line = string.Create(CultureInfo.InvariantCulture, $"{role} file {file.Name}: {used} examples");
        if (skipped > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"; skipped {report.EmptyLines} empty lines and {report.LinesWithoutLabel} lines without 'label<TAB>'");
        }

        if (report.LinesWithInvalidUtf8 > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"; {report.LinesWithInvalidUtf8} lines had invalid UTF-8 (replaced with U+FFFD)");
        }

        error.WriteLine(line);
    }

    public static bool TryLoadModel(FileInfo file, TextWriter error, out TextClassifierModel model)
    {
        model = null!;
        if (!file.Exists)
        {
            error.WriteLine($"The model file '{file.FullName}' does not exist.");
            return false;
        }

        try
        {
            model = ModelFile.Load(file.FullName);
            return true;
        }
        catch (ModelFormatException e)
        {
            error.WriteLine($"Cannot use the model: {e.Message}");
            return false;
        }
    }

    /// <summary>Either kind of model file (the project's or an ML.NET zip); a zip's task is taken from its file name.</summary>
    public static bool TryLoadClassifier(FileInfo file, TextWriter error, out ITextClassifier classifier)
    {
        classifier = null!;
        if (!file.Exists)
        {
            error.WriteLine($"The model file '{file.FullName}' does not exist.");
            return false;
        }

        try
        {
            classifier = TextClassifierFile.Load(file.FullName, Path.GetFileNameWithoutExtension(file.Name));
            return true;
        }
        catch (ModelFormatException e)
        {
            error.WriteLine($"Cannot use the model: {e.Message}");
            return false;
        }
    }
}
