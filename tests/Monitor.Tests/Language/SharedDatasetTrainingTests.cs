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

        // A lighter feature set than the shipped model (2^18 slots, char 2-4-grams) keeps the test to seconds.
        var result = ModelTrainer.Train(train, dev, new TrainingOptions("sentiment", new(HashBits: 18, CharNgramMax: 4)), TimeProvider.System);

        // 79.3 measured (the shipped settings give 80.0); the floor is the scikit-learn best (78.6) less a little room.
        result.Dev!.MacroF1.ShouldBeGreaterThan(0.775);
        result.Dev.Accuracy.ShouldBeGreaterThan(0.90);
    }
}
