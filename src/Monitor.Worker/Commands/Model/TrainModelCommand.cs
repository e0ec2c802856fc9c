using System.CommandLine;
using System.Globalization;
using Monitor.Language;
using Monitor.Language.Features;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Model;

/// <summary><c>model train --task NAME --train FILE [--dev FILE] --out FILE</c>; prints dev scores.</summary>
internal static class TrainModelCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "Task name stored in the model (sentiment, toxicity, ...)", Required = true };
        var train = new Option<FileInfo>("--train") { Description = "Training file: label<TAB>text per line", Required = true };
        var dev = new Option<FileInfo?>("--dev") { Description = "Development file (same format): scored after training and used to calibrate probabilities" };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write", Required = true };
        var c = new Option<double>("--c") { Description = "SVM regularisation C (larger fits the training data more closely)", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed for the solver's visiting order and the calibration hold-out", DefaultValueFactory = _ => 1 };
        var hashBits = new Option<int>("--hash-bits") { Description = "log2 of the hashed feature space", DefaultValueFactory = _ => FeatureSettings.Default.HashBits };
        var words = new Option<int>("--word-ngrams") { Description = "Longest syllable n-gram (0 disables)", DefaultValueFactory = _ => FeatureSettings.Default.WordNgramMax };
        var charMin = new Option<int>("--char-min") { Description = "Shortest character n-gram", DefaultValueFactory = _ => FeatureSettings.Default.CharNgramMin };
        var charMax = new Option<int>("--char-max") { Description = "Longest character n-gram (0 disables)", DefaultValueFactory = _ => FeatureSettings.Default.CharNgramMax };
        var plain = new Option<int>("--plain-ngrams") { Description = "Longest accent-free syllable n-gram (0 disables)", DefaultValueFactory = _ => FeatureSettings.Default.PlainWordNgramMax };
        var unbalanced = new Option<bool>("--unbalanced") { Description = "Do not weight classes by inverse frequency" };
        var offsetFolds = new Option<int>("--offset-folds") { Description = "Fit per-class decision offsets for macro-F1 on this many training folds (0 = off)", DefaultValueFactory = _ => 0 };
        var nb = new Option<double>("--nb") { Description = "NB-SVM log-count-ratio scaling with this smoothing (0 = off)", DefaultValueFactory = _ => 0 };

        var command = new Command("train", "Train a classifier and print its scores on the development set");
        foreach (var option in new Option[] { task, train, dev, output, c, seed, hashBits, words, charMin, charMax, plain, unbalanced, nb, offsetFolds })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new FeatureSettings(parse.GetValue(hashBits), parse.GetValue(words), parse.GetValue(charMin), parse.GetValue(charMax), parse.GetValue(plain));
            var options = new TrainingOptions(parse.GetValue(task)!, settings, parse.GetValue(c), parse.GetValue(seed), !parse.GetValue(unbalanced), parse.GetValue(nb), parse.GetValue(offsetFolds));
            return Task.FromResult(Run(options, parse.GetValue(train)!, parse.GetValue(dev), parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        });
        return command;
    }

    private static int Run(TrainingOptions options, FileInfo trainFile, FileInfo? devFile, FileInfo output, TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        var errors = options.Features.Validate();
        if (errors.Count > 0)
        {
            error.WriteLine("Invalid feature settings: " + string.Join("; ", errors));
            return ExitCodes.InvalidConfiguration;
        }

        if (!ModelCommandFiles.TryReadLabelled(trainFile, "training", error, out var train) || train.Count == 0)
        {
            return ExitCodes.InvalidConfiguration;
        }

        List<LabelledText>? dev = null;
        if (devFile is not null && !ModelCommandFiles.TryReadLabelled(devFile, "development", error, out dev))
        {
            return ExitCodes.InvalidConfiguration;
        }

        TrainingResult result;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        try
        {
            result = ModelTrainer.Train(train, dev, options, TimeProvider.System, trainFile.FullName, devFile?.Name ?? string.Empty, cancellationToken);
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.InvalidConfiguration;
        }

        // CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        ModelFile.Save(result.Model, output.FullName);
        var ci = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(ci, $"model      {result.Model.Version} ({string.Join(", ", result.Model.Labels)})"));
        stdout.WriteLine(string.Create(ci, $"trained    {train.Count} documents: vectorising {result.Vectorising.TotalSeconds:F2} s, fitting {result.Fitting.TotalSeconds:F2} s; cpu {cpu.TotalSeconds:F2} s"));
        stdout.WriteLine(string.Create(ci, $"calibrated {result.Model.Metadata.Calibration}"));
        stdout.WriteLine(string.Create(ci, $"written    {output.FullName} ({new FileInfo(output.FullName).Length / 1024.0:F0} KiB)"));
        if (result.Dev is { } report)
        {
            stdout.WriteLine();
            stdout.WriteLine("development set:");
            stdout.Write(report.Format());
        }

        return 0;
    }
}
