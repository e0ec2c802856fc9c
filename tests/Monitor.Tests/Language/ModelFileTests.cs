using Monitor.Language;

namespace Monitor.Tests.Language;

public sealed class ModelFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("monitor-model-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveLoad_RoundTrip_SamePredictionsAndMetadata()
    {
        var model = TinyCorpus.Train();
        var path = Path.Combine(folder, "m.bin");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        loaded.Version.ShouldBe(model.Version);
        loaded.Labels.ShouldBe(model.Labels);
        loaded.Features.ShouldBe(model.Features);
        loaded.Metadata.DevMacroF1.ShouldBe(model.Metadata.DevMacroF1);
        using var a = new LinearTextClassifier(model);
        using var b = new LinearTextClassifier(loaded);
        b.Classify("quá tệ luôn").ShouldBe(a.Classify("quá tệ luôn"));
    }

    [Fact]
    public void Load_OtherFormatVersion_ClearError()
    {
        var bytes = ModelFile.Serialize(TinyCorpus.Train());
        BitConverter.GetBytes(ModelFile.FormatVersion + 1).CopyTo(bytes, 8);
        var path = Path.Combine(folder, "future.bin");
        File.WriteAllBytes(path, bytes);

        var error = Should.Throw<ModelFormatException>(() => ModelFile.Load(path));

        error.Message.ShouldContain($"format version {ModelFile.FormatVersion + 1}");
        error.Message.ShouldContain("model train");
    }

    [Fact]
    public void Load_InfiniteWeight_ClearError()
    {
        var model = TinyCorpus.Train();
        var weights = (float[])model.Weights.Clone();
        var id = Array.FindIndex(model.Idf, value => value > 0);
        weights[id * model.Labels.Count] = float.PositiveInfinity;
        var bytes = ModelFile.Serialize(new TextClassifierModel(
            model.Task, model.Labels, model.Features, model.Idf, weights, model.Bias, model.Temperature, model.Metadata, model.Version));
        var path = Path.Combine(folder, "inf.bin");
        File.WriteAllBytes(path, bytes);

        Should.Throw<ModelFormatException>(() => ModelFile.Load(path)).Message.ShouldContain("not a finite number");
    }

    [Fact]
    public void Load_NotAModel_ClearError()
    {
        var path = Path.Combine(folder, "text.bin");
        File.WriteAllText(path, "negative\tnot a model");

        Should.Throw<ModelFormatException>(() => ModelFile.Load(path)).Message.ShouldContain("not a Monitor classifier model");
    }

    [Fact]
    public void Load_Truncated_ClearError()
    {
        var bytes = ModelFile.Serialize(TinyCorpus.Train());
        var path = Path.Combine(folder, "cut.bin");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Should.Throw<ModelFormatException>(() => ModelFile.Load(path)).Message.ShouldContain("damaged");
    }
}
