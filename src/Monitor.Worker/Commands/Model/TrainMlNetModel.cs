using System.CommandLine;
using System.Globalization;
using Monitor.Language;
using Monitor.Language.MlNet;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Model;

/// <summary><c>model train --engine mlnet</c>: the ML.NET pipeline's options and run; writes a standard ML.NET model zip.</summary>
internal static class TrainMlNetModel
{
    /// <summary>The options only the ML.NET engine reads; n-gram lengths, class weights and seed are shared with the linear engine.</summary>
    internal sealed record Options(Option<string> Learner, Option<string[]> L2, Option<int?> Iterations, Option<bool> NoNormalise)
    {
        public List<MlNetTrainingOptions> Read(ParseResult parse, string task, int words, int characters, int accentFree, bool balanced, int seed)
        {
            var learner = parse.GetValue(Learner) == "lbfgs" ? MlNetLearner.LbfgsMaximumEntropy : MlNetLearner.SdcaMaximumEntropy;
            var basis = new MlNetTrainingOptions(task, learner, words, characters, accentFree, null, parse.GetValue(Iterations), balanced, !parse.GetValue(NoNormalise), seed);
            var l2 = parse.GetValue(L2) ?? [];
            return l2.Length == 0 ? [basis] : [.. l2.Select(v => basis with { L2 = ParseL2(v) })];
        }
    }

    /// <summary>"auto" leaves the learner's own choice; anything else must be a number (validation then checks it is positive).</summary>
    private static float? ParseL2(string value) =>
        value.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null
        : float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var l2) ? l2
        : throw new ArgumentException($"--l2 takes numbers or 'auto' (got '{value}').");

    public static Options AddOptions(Command command)
    {
        var learner = new Option<string>("--learner") { Description = "ML.NET learner: sdca (SdcaMaximumEntropy, default) or lbfgs (LbfgsMaximumEntropy)", DefaultValueFactory = _ => "sdca" };
        learner.AcceptOnlyFromAmong("sdca", "lbfgs");
        var l2 = new Option<string[]>("--l2") { Description = "ML.NET L2 regularisation, or 'auto' for the learner's own (default); several values with --cv-folds", AllowMultipleArgumentsPerToken = true };
        var iterations = new Option<int?>("--iterations") { Description = "ML.NET learner's iteration limit (default: the learner's own)" };
        var noNormalise = new Option<bool>("--no-normalise") { Description = "ML.NET: feed raw text to the featuriser instead of the project's Vietnamese normaliser" };
        foreach (var option in new Option[] { learner, l2, iterations, noNormalise })
        {
            command.Options.Add(option);
        }

        return new Options(learner, l2, iterations, noNormalise);
    }

    public static int Run(List<MixtureCandidate<MlNetTrainingOptions>> candidates, ModelSelection selection, TrainingMixture mixture, FileInfo? devFile, FileInfo output, TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        var errors = candidates.SelectMany(c => c.Options.Validate()).Distinct(StringComparer.Ordinal).ToList();
        if (errors.Count > 0)
        {
            error.WriteLine("Invalid ML.NET settings: " + string.Join("; ", errors));
            return ExitCodes.InvalidConfiguration;
        }

        List<LabelledText>? dev = null;
        if (devFile is not null && !ModelCommandFiles.TryReadLabelled(devFile, "development", error, out dev))
        {
            return ExitCodes.InvalidConfiguration;
        }

        MlNetTrainingOptions options;
        MlNetTrainingResult result;
        try
        {
            var chosen = selection.Choose(candidates, m => "mlnet " + m.Options.Describe() + (m.Options.MaximumIterations is { } n ? $" iterations {n}" : string.Empty) + mixture.Describe(m.InDomainWeight), (fit, heldOut, m, token) =>
            {
                var fold = MlNetTrainer.Train(mixture.Fit(fit, m.InDomainWeight), null, m.Options, token);
                using var classifier = fold.Classifier;
                return mixture.Score(heldOut, part => ClassifierEvaluation.Evaluate(classifier, part).MacroF1);
            }, mixture.Folded, error, cancellationToken);
            options = chosen.Options;
            var train = mixture.Combine(chosen.InDomainWeight);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            result = MlNetTrainer.Train(train, dev, options, cancellationToken);
            var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
            MlNetModelFile.Save(result.Classifier, output.FullName);
            var ci = CultureInfo.InvariantCulture;
            stdout.WriteLine(string.Create(ci, $"model      {result.Classifier.ModelVersion} ({string.Join(", ", result.Classifier.Labels)}; ML.NET zip: input Text, outputs PredictedLabel, Score)"));
            stdout.WriteLine(string.Create(ci, $"trained    {train.Count} documents: featurising + fitting {result.Fitting.TotalSeconds:F2} s; cpu {cpu.TotalSeconds:F2} s"));
            var weight = mixture.HasInDomain ? string.Create(ci, $", in-domain weight {chosen.InDomainWeight}") : string.Empty;
            stdout.WriteLine(string.Create(ci, $"settings   {options.Describe()}{weight}{selection.Describe(candidates.Count)}"));
            stdout.WriteLine(string.Create(ci, $"written    {output.FullName} ({new FileInfo(output.FullName).Length / 1024.0:F0} KiB)"));
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.InvalidConfiguration;
        }

        if (result.Dev is { } report)
        {
            stdout.WriteLine();
            stdout.WriteLine("development set:");
            stdout.Write(report.Format());
        }

        result.Classifier.Dispose();
        return 0;
    }
}
