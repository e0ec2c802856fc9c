using Monitor.Language;

namespace Monitor.Tests.Language;

/// <summary>Guards the real models' quality: trains on the shared train split and scores dev (a few seconds).</summary>
public sealed class SharedDatasetTrainingTests
{
    [SharedDatasetFact]
    public void Train_UitVsfcSentiment_DevMacroF1AboveFloor()
    {
        var folder = Path.Combine(SharedDatasets.Folder!, "uit-vsfc");
        var (train, _) = LabelledTextFile.Read(Path.Combine(folder, "train.tsv"));
        var (dev, _) = LabelledTextFile.Read(Path.Combine(folder, "dev.tsv"));

        var result = ModelTrainer.Train(train, dev, new TrainingOptions("sentiment", new()), TimeProvider.System);

        // 79.0 measured; the floor is the scikit-learn best (78.6) less a little room for hash-seed noise.
        result.Dev!.MacroF1.ShouldBeGreaterThan(0.775);
        result.Dev.Accuracy.ShouldBeGreaterThan(0.90);
    }
}
