using Monitor.Language;

namespace Monitor.Tests.Language;

/// <summary>A small, clearly separable sentiment corpus of our own for fast learner tests.</summary>
internal static class TinyCorpus
{
    private static readonly string[] Positive = ["rất hay", "tuyệt vời", "cảm ơn đài", "chương trình bổ ích", "thích lắm", "phóng sự hay quá"];
    private static readonly string[] Negative = ["quá tệ", "chán lắm", "thất vọng", "đưa tin sai", "không hay", "dở tệ"];
    private static readonly string[] Neutral = ["lịch phát sóng", "hôm nay thứ hai", "tin thời tiết", "bản tin sáng", "số điện thoại đài", "giờ phát lại"];
    private static readonly string[] Filler = ["bản tin", "thời sự", "tối qua", "của đài", "về huyện", "mới đây"];

    public static List<LabelledText> Examples(int perClass, int seed)
    {
        var random = new Random(seed);
        var examples = new List<LabelledText>();
        for (var i = 0; i < perClass; i++)
        {
            examples.Add(new LabelledText("positive", Sentence(Positive, random)));
            examples.Add(new LabelledText("negative", Sentence(Negative, random)));
            examples.Add(new LabelledText("neutral", Sentence(Neutral, random)));
        }

        return examples;
    }

    public static TextClassifierModel Train(int seed = 1) =>
        ModelTrainer.Train(Examples(40, seed), Examples(10, seed + 100), new TrainingOptions("sentiment", new(HashBits: 16), C: 1, Seed: seed), TimeProvider.System).Model;

    private static string Sentence(string[] cue, Random random) =>
        $"{Filler[random.Next(Filler.Length)]} {cue[random.Next(cue.Length)]} {Filler[random.Next(Filler.Length)]}";
}
