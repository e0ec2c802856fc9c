using System.Globalization;
using System.Text;

namespace Monitor.Language.Learning;

/// <summary>Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix (rows: gold, columns: predicted).</summary>
public sealed class ClassificationReport
{
    private readonly long[,] confusion;

    public ClassificationReport(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Labels = labels;
        confusion = new long[labels.Count, labels.Count];
    }

    public IReadOnlyList<string> Labels { get; }

    public long Total { get; private set; }

    public void Add(int gold, int predicted)
    {
        confusion[gold, predicted]++;
        Total++;
    }

    public long Confusion(int gold, int predicted) => confusion[gold, predicted];

    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (var k = 0; k < Labels.Count; k++)
            {
                correct += confusion[k, k];
            }

            return Total == 0 ? 0 : (double)correct / Total;
        }
    }

    public (double Precision, double Recall, double F1, long Support) PerClass(int k)
    {
        long predicted = 0, support = 0;
        for (var j = 0; j < Labels.Count; j++)
        {
            predicted += confusion[j, k];
            support += confusion[k, j];
        }

        var precision = predicted == 0 ? 0 : (double)confusion[k, k] / predicted;
        var recall = support == 0 ? 0 : (double)confusion[k, k] / support;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1, support);
    }

    /// <summary>Mean F1 over classes (scikit-learn's <c>f1_score(average="macro")</c>).</summary>
    public double MacroF1
    {
        get
        {
            var sum = 0.0;
            for (var k = 0; k < Labels.Count; k++)
            {
                sum += PerClass(k).F1;
            }

            return Labels.Count == 0 ? 0 : sum / Labels.Count;
        }
    }

    public string Format()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(ci, $"documents  {Total}");
        text.AppendLine(ci, $"accuracy   {Accuracy * 100:F2}");
        text.AppendLine(ci, $"macro-F1   {MacroF1 * 100:F2}");
        text.AppendLine();
        text.AppendLine(ci, $"{"class",-12} {"precision",9} {"recall",9} {"F1",9} {"support",9}");
        for (var k = 0; k < Labels.Count; k++)
        {
            var (p, r, f, s) = PerClass(k);
            text.AppendLine(ci, $"{Labels[k],-12} {p * 100,9:F2} {r * 100,9:F2} {f * 100,9:F2} {s,9}");
        }

        text.AppendLine();
        text.Append(ci, $"{"gold\\pred",-12}");
        foreach (var label in Labels)
        {
            text.Append(ci, $" {label,9}");
        }

        text.AppendLine();
        for (var k = 0; k < Labels.Count; k++)
        {
            text.Append(ci, $"{Labels[k],-12}");
            for (var j = 0; j < Labels.Count; j++)
            {
                text.Append(ci, $" {confusion[k, j],9}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
