using System.CommandLine;
using System.Globalization;
using Monitor.Language;
using Monitor.Language.Features;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Model;

/// <summary>
/// <c>model train --task NAME --train FILE [--dev FILE] --out FILE [--engine linear|mlnet]</c>; prints dev
/// scores. Several <c>--c</c> (linear) or <c>--l2</c> (ML.NET) values with <c>--cv-folds K</c> choose
/// the value by k-fold cross-validation on the training file; dev is scored once, after the choice.
/// </summary>
internal static class TrainModelCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "Task name stored in the model (sentiment, toxicity, ...)", Required = true };
        var train = new Option<FileInfo>("--train") { Description = "Training file: label<TAB>text per line", Required = true };
        var dev = new Option<FileInfo?>("--dev") { Description = "Development file (same format): scored after training and used to calibrate probabilities" };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write", Required = true };
        var engine = new Option<string>("--engine") { Description = "linear (the project's learner, default) or mlnet (ML.NET maximum entropy; writes an ML.NET .zip)", DefaultValueFactory = _ => "linear" };
        engine.AcceptOnlyFromAmong("linear", "mlnet");
        var c = new Option<double[]>("--c") { Description = "SVM regularisation C (larger fits the training data more closely); several values with --cv-folds", DefaultValueFactory = _ => [0.2], AllowMultipleArgumentsPerToken = true };
        var cvFolds = new Option<int>("--cv-folds") { Description = "Choose among several --c / --l2 values by k-fold cross-validation on the training file (0 = off)", DefaultValueFactory = _ => 0 };
        var cvCache = new Option<FileInfo?>("--cv-cache") { Description = "File that keeps cross-validation scores between runs" };
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
        foreach (var option in new Option[] { engine, task, train, dev, output, c, seed, hashBits, words, charMin, charMax, plain, unbalanced, nb, offsetFolds, cvFolds, cvCache })
        {
            command.Options.Add(option);
        }

        var mlnet = TrainMlNetModel.AddOptions(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var selection = new ModelSelection(parse.GetValue(cvFolds), parse.GetValue(cvCache), parse.GetValue(seed));
            if (parse.GetValue(engine) == "mlnet")
            {
                List<Monitor.Language.MlNet.MlNetTrainingOptions> ml;
                try
                {
                    ml = mlnet.Read(parse, parse.GetValue(task)!, parse.GetValue(words), parse.GetValue(charMax), parse.GetValue(plain), !parse.GetValue(unbalanced), parse.GetValue(seed));
                }
                catch (ArgumentException e)
                {
                    parse.InvocationConfiguration.Error.WriteLine(e.Message);
                    return Task.FromResult(ExitCodes.InvalidConfiguration);
                }

                return Task.FromResult(TrainMlNetModel.Run(ml, selection, parse.GetValue(train)!, parse.GetValue(dev), parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
            }

            var settings = new FeatureSettings(parse.GetValue(hashBits), parse.GetValue(words), parse.GetValue(charMin), parse.GetValue(charMax), parse.GetValue(plain));
            var candidates = parse.GetValue(c)!.Select(value => new TrainingOptions(parse.GetValue(task)!, settings, value, parse.GetValue(seed), !parse.GetValue(unbalanced), parse.GetValue(nb), parse.GetValue(offsetFolds))).ToList();
            return Task.FromResult(Run(candidates, selection, parse.GetValue(train)!, parse.GetValue(dev), parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        });
        return command;
    }

    private static int Run(List<TrainingOptions> candidates, ModelSelection selection, FileInfo trainFile, FileInfo? devFile, FileInfo output, TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        var options = candidates[0];
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
        try
        {
            // Fold models score on their held-out fold as their "dev" set: its report is the fold's macro-F1 (the temperature fitted there cannot change a label).
            options = selection.Choose(candidates, o => string.Create(CultureInfo.InvariantCulture,
                $"linear C {o.C}; word 1-{o.Features.WordNgramMax} + char {o.Features.CharNgramMin}-{o.Features.CharNgramMax} + accent-free word 1-{o.Features.PlainWordNgramMax}, 2^{o.Features.HashBits}; nb {o.NbAlpha}; offsets {o.OffsetFolds}; balanced {o.BalancedClassWeights}"), (fit, heldOut, o, token) =>
                ModelTrainer.Train(fit, heldOut, o, TimeProvider.System, cancellationToken: token).Dev!.MacroF1, train, error, cancellationToken);
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.InvalidConfiguration;
        }

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
        var f = options.Features;
        var accentFree = f.PlainWordNgramMax > 0 ? $" + accent-free word 1-{f.PlainWordNgramMax}" : string.Empty;
        stdout.WriteLine(string.Create(ci, $"settings   C {options.C}, word 1-{f.WordNgramMax} + char_wb {f.CharNgramMin}-{f.CharNgramMax}{accentFree}, hashed 2^{f.HashBits}{selection.Describe(candidates.Count)}"));
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
