using System.CommandLine;
using Monitor.Language;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Model;

/// <summary><c>model eval --model FILE --data FILE</c>: accuracy, macro-F1, per-class P/R/F1 and the confusion matrix.</summary>
internal static class EvalModelCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "Model file written by 'model train' (either engine) or any ML.NET zip taking Text", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "Labelled file: label<TAB>text per line", Required = true };
        var command = new Command("eval", "Score a model on a labelled file");
        command.Options.Add(model);
        command.Options.Add(data);
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(data)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(FileInfo modelFile, FileInfo dataFile, TextWriter output, TextWriter error)
    {
        if (!ModelCommandFiles.TryLoadClassifier(modelFile, error, out var model) || !ModelCommandFiles.TryReadLabelled(dataFile, "evaluation", error, out var examples))
        {
            return ExitCodes.InvalidConfiguration;
        }

        var known = new HashSet<string>(model.Labels, StringComparer.Ordinal);
        var unknown = examples.Where(e => !known.Contains(e.Label)).ToList();
        if (unknown.Count > 0)
        {
            var names = unknown.Select(e => e.Label).Distinct(StringComparer.Ordinal).Take(10);
            error.WriteLine(
                $"Skipped {unknown.Count} lines whose label the model does not know ({string.Join(", ", names)}); "
                + $"the model's labels are {string.Join(", ", model.Labels)}.");
        }

        var scored = examples.Where(e => known.Contains(e.Label)).ToList();
        if (scored.Count == 0)
        {
            error.WriteLine("Nothing to evaluate: no line carries one of the model's labels.");
            return ExitCodes.InvalidConfiguration;
        }

        output.WriteLine(model is LinearTextClassifier linear
            ? $"model      {model.ModelVersion} ({linear.Model.Metadata.TrainFile}, {linear.Model.Metadata.TrainDocuments} training documents)"
            : $"model      {model.ModelVersion} (ML.NET zip; labels {string.Join(", ", model.Labels)})");
        output.Write(ClassifierEvaluation.Evaluate(model, scored).Format());
        (model as IDisposable)?.Dispose();
        return 0;
    }
}
