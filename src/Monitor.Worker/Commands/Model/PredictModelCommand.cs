using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Monitor.Language;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Model;

/// <summary>
/// <c>model predict --model FILE --in FILE --out FILE</c>: one output line <c>label&lt;TAB&gt;probability</c>
/// per input line, same order. Input lines are <c>label&lt;TAB&gt;text</c> (the label is ignored)
/// or plain text; an empty line gets the model's answer for no evidence, so line numbers always match.
/// <c>--distribution</c> adds a column with every label's probability (<c>CLEAN=0.1000 HATE=...</c>), which
/// flag rules read; <c>--explain N</c> then adds the N words that carried each decision (linear models).
/// </summary>
internal static class PredictModelCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "Model file written by 'model train' (either engine) or any ML.NET zip taking Text", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "Input: text or label<TAB>text per line (UTF-8)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output: label<TAB>probability per input line", Required = true };
        var explain = new Option<int>("--explain") { Description = "Add a column with the N words that carried each decision (the project's linear models; 0 = off)", DefaultValueFactory = _ => 0 };
        var distribution = new Option<bool>("--distribution") { Description = "Add a column with every label's probability (label=p, space-separated)" };
        var command = new Command("predict", "Classify every line of a file");
        command.Options.Add(distribution);
        command.Options.Add(model);
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(explain);
        command.SetAction((parse, cancellationToken) =>
            Task.FromResult(Run(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(explain), parse.GetValue(distribution), parse.InvocationConfiguration.Error, cancellationToken)));
        return command;
    }

    private static int Run(FileInfo modelFile, FileInfo input, FileInfo output, int explain, bool distribution, TextWriter error, CancellationToken cancellationToken)
    {
        if (!ModelCommandFiles.TryLoadClassifier(modelFile, error, out var classifier))
        {
            return ExitCodes.InvalidConfiguration;
        }

        var explaining = explain > 0 ? classifier as IExplainingClassifier : null;
        if (explain > 0 && explaining is null)
        {
            error.WriteLine("--explain needs one of the project's linear models; this model cannot name the words behind a decision.");
            return ExitCodes.InvalidConfiguration;
        }

        using var disposal = classifier as IDisposable;

        if (!input.Exists)
        {
            error.WriteLine($"The input file '{input.FullName}' does not exist.");
            return ExitCodes.InvalidConfiguration;
        }

        var labels = new HashSet<string>(classifier.Labels, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var lines = 0;
        var invalid = 0;
        Span<char> result = stackalloc char[64];

        // Start-up stays out of the throughput figure, as bench/classifier.sh keeps scikit-learn's first
        // predict call out of its figure: one document through every code path, so the JIT has compiled
        // the classifier before the clock starts (~25 ms of CPU, >10% of a 20k-line batch).
        classifier.Classify(WarmUpText);
        var stopwatch = Stopwatch.StartNew();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        using (var reader = new StreamReader(input.FullName, LabelledTextFile.Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
        using (var writer = new StreamWriter(output.FullName, append: false, LabelledTextFile.Utf8, bufferSize: 1 << 16))
        {
            writer.NewLine = "\n";
            while (reader.ReadLine() is { } line)
            {
                if ((lines & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                lines++;
                if (line.Contains('\uFFFD', StringComparison.Ordinal))
                {
                    invalid++;
                }

                var text = TextOf(line, labels);
                if (distribution)
                {
                    var p = new float[classifier.Labels.Count];
                    var best = classifier.Classify(text, p);
                    writer.Write(classifier.Labels[best]);
                    writer.Write(FormatProbability(p[best], result));
                    writer.Write('\t');
                    writer.Write(string.Join(' ', classifier.Labels.Select((label, k) => string.Create(CultureInfo.InvariantCulture, $"{label}={p[k]:F4}"))));
                    if (explaining is not null)
                    {
                        writer.Write('\t');
                        writer.Write(string.Join(", ", explaining.Explain(text.ToString(), best, explain).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Word} (+{w.Contribution:F2})"))));
                    }

                    writer.WriteLine();
                    continue;
                }

                var prediction = classifier.Classify(text);
                writer.Write(prediction.Label);
                if (explaining is null)
                {
                    writer.WriteLine(FormatProbability(prediction.Probability, result));
                    continue;
                }

                writer.Write(FormatProbability(prediction.Probability, result));
                var words = explaining.Explain(text.ToString(), IndexOf(classifier.Labels, prediction.Label), explain);
                writer.Write('\t');
                writer.WriteLine(string.Join(", ", words.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Word} (+{w.Contribution:F2})"))));
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{lines} lines classified with {classifier.ModelVersion} in {seconds:F2} s ({lines / Math.Max(seconds, 1e-9):F0} docs/s; cpu {cpu:F2} s, {lines / Math.Max(cpu, 1e-9):F0} docs/cpu-s; after a one-document warm-up)");
        if (invalid > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {invalid} lines had invalid UTF-8 (replaced with U+FFFD)");
        }

        error.WriteLine(summary);
        return 0;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var k = 0; k < labels.Count; k++)
        {
            if (string.Equals(labels[k], label, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return 0;
    }

    private const string WarmUpText = "Thầy dạy hayyy quá, 10 điểm 👍👍 xem www.example.vn nhé :))) ko đc thì thôi";

    /// <summary><c>&lt;TAB&gt;0.1234</c> formatted into <paramref name="buffer"/>: no string per line.</summary>
    private static ReadOnlySpan<char> FormatProbability(float probability, Span<char> buffer)
    {
        buffer[0] = '\t';
        return probability.TryFormat(buffer[1..], out var written, "F4", CultureInfo.InvariantCulture) ? buffer[..(written + 1)] : throw new UnreachableException();
    }

    /// <summary>A leading field is a label only if the model knows it; otherwise the whole line is text.</summary>
    private static ReadOnlySpan<char> TextOf(string line, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> labels)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab > 0 && labels.Contains(line.AsSpan(0, tab).Trim()))
        {
            return line.AsSpan(tab + 1);
        }

        return line;
    }
}
