using System.Text;

namespace Monitor.Language;

/// <summary>One training or evaluation example. <paramref name="Weight"/> scales its cost in training (an in-domain example weighs more than one of a general set).</summary>
public sealed record LabelledText(string Label, string Text, double Weight = 1);

/// <summary>What reading a <c>label&lt;TAB&gt;text</c> file skipped or repaired, so commands can say so instead of failing.</summary>
public sealed record LabelledTextFileReport(int Lines, int EmptyLines, int LinesWithoutLabel, int LinesWithInvalidUtf8);

/// <summary>
/// Reads <c>label&lt;TAB&gt;text</c> files (the datasets' format). Never throws on content: empty
/// lines and lines without a tab are skipped and counted; invalid UTF-8 becomes U+FFFD and the
/// line is kept and counted.
/// </summary>
public static class LabelledTextFile
{
    /// <summary>Decoder that replaces invalid bytes instead of throwing.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static (List<LabelledText> Examples, LabelledTextFileReport Report) Read(string path)
    {
        using var reader = new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    public static (List<LabelledText> Examples, LabelledTextFileReport Report) Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var examples = new List<LabelledText>();
        int lines = 0, empty = 0, unlabelled = 0, invalid = 0;
        while (reader.ReadLine() is { } line)
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                empty++;
                continue;
            }

            if (line.Contains('\uFFFD', StringComparison.Ordinal))
            {
                invalid++;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                unlabelled++;
                continue;
            }

            examples.Add(new LabelledText(line[..tab].Trim(), line[(tab + 1)..]));
        }

        return (examples, new LabelledTextFileReport(lines, empty, unlabelled, invalid));
    }
}
