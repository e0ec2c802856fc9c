using Monitor.Language;
using Monitor.Language.Features;
using Monitor.Tests.Support;

namespace Monitor.Tests.Language;

/// <summary>
/// Mixtures of a general set and weighted in-domain examples, the cue features, and the words a
/// linear model names for its decision (issue 17).
/// </summary>
public sealed class InDomainTrainingTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // A general set in which "lũ" only ever appears as the slur, and an in-domain set in which it is the flood.
    private static List<LabelledText> General()
    {
        var examples = new List<LabelledText>();
        string[] hate = ["lũ bọn chúng cút đi", "cái lũ đó ăn hại", "lũ người kia bẩn thỉu", "lũ chúng mày biến"];
        string[] clean = ["hôm nay trời đẹp", "cảm ơn đài nhiều", "chương trình hay quá", "mai đi chợ phiên", "xem từ Cao Bằng", "phở chua ngon"];
        for (var i = 0; i < 10; i++)
        {
            examples.AddRange(hate.Select(t => new LabelledText("HATE", t)));
            examples.AddRange(clean.Select(t => new LabelledText("CLEAN", t)));
        }

        return examples;
    }

    private static List<LabelledText> InDomain() =>
    [
        new("CLEAN", "lũ về nhanh quá"), new("CLEAN", "nước lũ đang lên"), new("CLEAN", "mùa lũ năm nay sớm"),
        new("HATE", "lũ bọn đó cút về quê"),
    ];

    private static TrainingOptions Options(bool cues = false) => new("toxicity", new FeatureSettings(HashBits: 16, Cues: cues), C: 0.5);

    private static float HateProbability(TextClassifierModel model, string text)
    {
        using var classifier = new LinearTextClassifier(model);
        Span<float> p = stackalloc float[model.Labels.Count];
        classifier.Classify(text, p);
        return p[model.Labels.ToList().IndexOf("HATE")];
    }

    [Fact]
    public void Train_InDomainWeighted_FloodNoLongerHate()
    {
        var unweighted = General().Concat(InDomain()).ToList();
        var weighted = General().Concat(InDomain().Select(e => e with { Weight = 20 })).ToList();

        var before = HateProbability(ModelTrainer.Train(unweighted, null, Options(), TimeProvider.System).Model, "lũ về rồi");
        var after = HateProbability(ModelTrainer.Train(weighted, null, Options(), TimeProvider.System).Model, "lũ về rồi");

        after.ShouldBeLessThan(before);
        after.ShouldBeLessThan(0.5f);
    }

    [Fact]
    public void Train_WeightedData_OtherFingerprintThanUnweighted()
    {
        var a = ModelTrainer.Train(InDomain(), null, Options(), TimeProvider.System).Model;
        var b = ModelTrainer.Train([.. InDomain().Select(e => e with { Weight = 2 })], null, Options(), TimeProvider.System).Model;

        b.Metadata.TrainSha256.ShouldNotBe(a.Metadata.TrainSha256);
    }

    [Fact]
    public void Explain_ToxicComment_SlurWordFirstNotTheFiller()
    {
        var model = ModelTrainer.Train(General(), null, Options(), TimeProvider.System).Model;
        var hate = model.Labels.ToList().IndexOf("HATE");

        var words = model.Explain("cái lũ kia hôm nay", hate, 3);

        words.ShouldNotBeEmpty();
        words[0].Word.ShouldBe("lũ");
        words.ShouldAllBe(w => w.Contribution > 0);
        words.Select(w => w.Contribution).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void SaveLoad_WithCues_FormatTwoRoundTripsAndWithoutCuesStaysFormatOne()
    {
        var withCues = ModelTrainer.Train(General(), null, Options(cues: true), TimeProvider.System).Model;
        var without = ModelTrainer.Train(General(), null, Options(), TimeProvider.System).Model;

        var bytes = ModelFile.Serialize(withCues);
        BitConverter.ToInt32(bytes, 8).ShouldBe(ModelFile.FormatVersion);
        BitConverter.ToInt32(ModelFile.Serialize(without), 8).ShouldBe(ModelFile.FormatVersionWithoutCues);
        var loaded = ModelFile.Deserialize(bytes);
        loaded.Features.Cues.ShouldBeTrue();
        using var a = new LinearTextClassifier(withCues);
        using var b = new LinearTextClassifier(loaded);
        b.Classify("lũ về chưa ạ?").ShouldBe(a.Classify("lũ về chưa ạ?"));
    }

    [Fact]
    public async Task TrainCommand_InDomainWeightChosenByFoldsOfTheMixture_ThenPredictExplains()
    {
        var train = folder.File("general.tsv");
        var inDomain = folder.File("in-domain.tsv");
        await File.WriteAllLinesAsync(train, General().Select(e => $"{e.Label}\t{e.Text}"));
        var domain = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            domain.AddRange(InDomain().Select(e => $"{e.Label}\t{e.Text} {i}"));
        }

        await File.WriteAllLinesAsync(inDomain, domain);

        var (code, output, error) = await CliRun.InvokeAsync(
            "model", "train", "--task", "toxicity", "--train", train, "--in-domain", inDomain, "--in-domain-weight", "1", "20",
            "--cv-folds", "3", "--cues", "--hash-bits", "16", "--out", folder.File("m.bin"));

        code.ShouldBe(0, error);
        error.Split('\n').Count(l => l.StartsWith("cv 3-fold", StringComparison.Ordinal)).ShouldBe(2);
        error.ShouldContain("in-domain weight 20, scored as the mean of in-domain and general folds");
        output.ShouldContain("question/negation cues, in-domain weight");

        await File.WriteAllLinesAsync(folder.File("in.txt"), ["lũ bọn chúng cút đi"]);
        (code, _, error) = await CliRun.InvokeAsync("model", "predict", "--model", folder.File("m.bin"), "--in", folder.File("in.txt"), "--out", folder.File("out.tsv"), "--explain", "2");
        code.ShouldBe(0, error);
        var line = File.ReadAllLines(folder.File("out.tsv")).ShouldHaveSingleItem().Split('\t');
        line[0].ShouldBe("HATE");
        line[2].ShouldContain("(+");
    }
}
