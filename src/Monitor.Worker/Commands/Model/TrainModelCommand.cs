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
/// <c>--in-domain FILE --in-domain-weight W...</c> mixes in a weighted in-domain file (see <see cref="TrainingMixture"/>).
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
        var inDomain = new Option<FileInfo?>("--in-domain") { Description = "In-domain training file (same format), mixed with --train; with --cv-folds each fold scores the mean of its in-domain and its general macro-F1" };
        var inDomainWeight = new Option<double[]>("--in-domain-weight") { Description = "Weight of each in-domain example (cost multiplier); several values with --cv-folds", DefaultValueFactory = _ => [1.0], AllowMultipleArgumentsPerToken = true };
        var cues = new Option<bool>("--cues") { Description = "Add a question marker and negation-scope features to the syllable view (linear engine)" };

        var command = new Command("train", "Train a classifier and print its scores on the development set");
        foreach (var option in new Option[] { engine, task, train, dev, output, c, seed, hashBits, words, charMin, charMax, plain, cues, unbalanced, nb, offsetFolds, cvFolds, cvCache, inDomain, inDomainWeight })
        {
            command.Options.Add(option);
        }

        var mlnet = TrainMlNetModel.AddOptions(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var selection = new ModelSelection(parse.GetValue(cvFolds), parse.GetValue(cvCache), parse.GetValue(seed));
            var weights = parse.GetValue(inDomainWeight)!;
            if (weights.Any(w => !(w > 0)))
            {
                parse.InvocationConfiguration.Error.WriteLine("--in-domain-weight values must be positive.");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }

            if (!TryReadMixture(parse.GetValue(train)!, parse.GetValue(inDomain), parse.InvocationConfiguration.Error, out var mixture))
            {
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }

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

                var mlCandidates = ml.SelectMany(o => weights.Select(w => new MixtureCandidate<Monitor.Language.MlNet.MlNetTrainingOptions>(o, w))).ToList();
                return Task.FromResult(TrainMlNetModel.Run(mlCandidates, selection, mixture, parse.GetValue(dev), parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
            }

            var settings = new FeatureSettings(parse.GetValue(hashBits), parse.GetValue(words), parse.GetValue(charMin), parse.GetValue(charMax), parse.GetValue(plain), Cues: parse.GetValue(cues));
            var candidates = parse.GetValue(c)!
                .SelectMany(value => weights.Select(w => new MixtureCandidate<TrainingOptions>(new TrainingOptions(parse.GetValue(task)!, settings, value, parse.GetValue(seed), !parse.GetValue(unbalanced), parse.GetValue(nb), parse.GetValue(offsetFolds)), w)))
                .ToList();
            return Task.FromResult(Run(candidates, selection, mixture, parse.GetValue(dev), parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        });
        return command;
    }

    /// <summary>Reads <c>--train</c> and, when given, <c>--in-domain</c>; false (with the reason on stderr) when either is missing or empty.</summary>
    internal static bool TryReadMixture(FileInfo trainFile, FileInfo? inDomainFile, TextWriter error, out TrainingMixture mixture)
    {
        mixture = null!;
        if (!ModelCommandFiles.TryReadLabelled(trainFile, "training", error, out var train) || train.Count == 0)
        {
            return false;
        }

        List<LabelledText>? inDomain = null;
        if (inDomainFile is not null && (!ModelCommandFiles.TryReadLabelled(inDomainFile, "in-domain training", error, out inDomain) || inDomain.Count == 0))
        {
            return false;
        }

        mixture = new TrainingMixture(train, inDomain, trainFile.FullName, inDomainFile?.Name);
        return true;
    }

    private static int Run(List<MixtureCandidate<TrainingOptions>> candidates, ModelSelection selection, TrainingMixture mixture, FileInfo? devFile, FileInfo output, TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        var errors = candidates[0].Options.Features.Validate();
        if (errors.Count > 0)
        {
            error.WriteLine("Invalid feature settings: " + string.Join("; ", errors));
            return ExitCodes.InvalidConfiguration;
        }

        List<LabelledText>? dev = null;
        if (devFile is not null && !ModelCommandFiles.TryReadLabelled(devFile, "development", error, out dev))
        {
            return ExitCodes.InvalidConfiguration;
        }

        TrainingResult result;
        MixtureCandidate<TrainingOptions> chosen;
        try
        {
            // Fold models score on their held-out fold as their "dev" set: its report is the fold's macro-F1 (the temperature fitted there cannot change a label).
            chosen = selection.Choose(candidates, m => string.Create(CultureInfo.InvariantCulture,
                $"linear C {m.Options.C}; word 1-{m.Options.Features.WordNgramMax} + char {m.Options.Features.CharNgramMin}-{m.Options.Features.CharNgramMax} + accent-free word 1-{m.Options.Features.PlainWordNgramMax}, 2^{m.Options.Features.HashBits}; nb {m.Options.NbAlpha}; offsets {m.Options.OffsetFolds}; balanced {m.Options.BalancedClassWeights}{(m.Options.Features.Cues ? "; cues" : string.Empty)}{mixture.Describe(m.InDomainWeight)}"), (fit, heldOut, m, token) =>
            {
                var model = ModelTrainer.Train(mixture.Fit(fit, m.InDomainWeight), heldOut, m.Options, TimeProvider.System, cancellationToken: token).Model;
                return mixture.Score(heldOut, part => ModelTrainer.Evaluate(model, part).MacroF1);
            }, mixture.Folded, error, cancellationToken);
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.InvalidConfiguration;
        }

        var options = chosen.Options;
        var train = mixture.Combine(chosen.InDomainWeight);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        try
        {
            result = ModelTrainer.Train(train, dev, options, TimeProvider.System, mixture.TrainFileName, devFile?.Name ?? string.Empty, cancellationToken);
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
        var extras = (f.Cues ? " + question/negation cues" : string.Empty) + (mixture.HasInDomain ? string.Create(ci, $", in-domain weight {chosen.InDomainWeight}") : string.Empty);
        stdout.WriteLine(string.Create(ci, $"settings   C {options.C}, word 1-{f.WordNgramMax} + char_wb {f.CharNgramMin}-{f.CharNgramMax}{accentFree}{extras}, hashed 2^{f.HashBits}{selection.Describe(candidates.Count)}"));
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
