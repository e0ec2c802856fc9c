using System.CommandLine;
using Monitor.Worker.Commands.Model;

namespace Monitor.Worker.Commands;

/// <summary><c>model train|predict|eval</c>: build, apply and score the sentiment and toxicity classifiers.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Train, apply and evaluate the text classifiers (sentiment, toxicity)");
        command.Subcommands.Add(TrainModelCommand.Create());
        command.Subcommands.Add(PredictModelCommand.Create());
        command.Subcommands.Add(EvalModelCommand.Create());
        return command;
    }
}
