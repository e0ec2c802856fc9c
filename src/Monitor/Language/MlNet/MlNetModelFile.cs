using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Monitor.Language.MlNet;

/// <summary>
/// Reads and writes ML.NET model zips. Any zip whose input has a string column <c>Text</c> and
/// whose output has <c>PredictedLabel</c> and a float vector <c>Score</c> (one entry per label,
/// named by its slot names) is accepted, whoever trained it; anything else is refused with a
/// message naming what is missing.
/// </summary>
public static class MlNetModelFile
{
    /// <summary>Every zip starts with a local file header.</summary>
    private static ReadOnlySpan<byte> ZipMagic => "PK\x03\x04"u8;

    public static bool LooksLikeZip(ReadOnlySpan<byte> head) => head.StartsWith(ZipMagic);

    public static void Save(MlNetTextClassifier classifier, string path)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, classifier.ModelBytes);
    }

    /// <summary>Loads <paramref name="path"/> as a classifier for <paramref name="task"/> (ML.NET zips do not name their task; the slot that loads them does).</summary>
    public static MlNetTextClassifier Load(string path, string task)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException($"Cannot read model file '{path}': {e.Message}", e);
        }

        return Deserialize(bytes, task, $"'{path}'");
    }

    internal static MLContext CreateContext(int seed = 1)
    {
        var ml = new MLContext(seed);

        // Zips trained here carry the normaliser as a custom mapping, which ML.NET finds by contract name in registered assemblies.
        ml.ComponentCatalog.RegisterAssembly(typeof(VietnameseNormalizerMapping).Assembly);
        return ml;
    }

    internal static byte[] Serialize(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, inputSchema, stream);
        return stream.ToArray();
    }

    internal static MlNetTextClassifier Deserialize(byte[] bytes, string task, string name)
    {
        if (!LooksLikeZip(bytes))
        {
            throw new ModelFormatException($"{name} is not an ML.NET model (.zip): it does not start with a zip header.");
        }

        var ml = CreateContext();
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            model = ml.Model.Load(stream, out inputSchema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            throw new ModelFormatException($"{name} is a zip but not an ML.NET model this build can load: {e.Message}", e);
        }

        var text = inputSchema.GetColumnOrNull(nameof(TextRow.Text));
        if (text is not { Type: TextDataViewType })
        {
            throw new ModelFormatException(
                $"{name}: an ML.NET model here must take a string column 'Text'; this one's input columns are {Describe(inputSchema)}.");
        }

        DataViewSchema output;
        try
        {
            output = model.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<ScoringInput>()).Schema);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ModelFormatException($"{name}: the model cannot score from a 'Text' column alone ({e.Message}); its input columns are {Describe(inputSchema)}.", e);
        }

        var labels = Labels(output, name);
        var version = string.Create(CultureInfo.InvariantCulture, $"{task}-mlnet-{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 6))}");
        return new MlNetTextClassifier(ml, model, task, version, labels, bytes);
    }

    /// <summary>Label names in Score order, from Score's slot names (ML.NET's multiclass scorers write them from the label's key values).</summary>
    private static string[] Labels(DataViewSchema output, string name)
    {
        var predicted = output.GetColumnOrNull("PredictedLabel");
        var score = output.GetColumnOrNull("Score");
        if (predicted is null || score is null)
        {
            throw new ModelFormatException(
                $"{name}: an ML.NET model here must output 'PredictedLabel' and 'Score' (a multiclass classifier); this one outputs {Describe(output)}.");
        }

        if (score.Value.Type is not VectorDataViewType { ItemType: NumberDataViewType n, Size: >= 2 } || n != NumberDataViewType.Single)
        {
            throw new ModelFormatException(
                $"{name}: 'Score' must be a vector of floats, one per label (a multiclass classifier); this one's is {score.Value.Type}.");
        }

        var names = default(VBuffer<ReadOnlyMemory<char>>);
        if (!score.Value.HasSlotNames())
        {
            throw new ModelFormatException($"{name}: 'Score' has no slot names, so the labels its entries stand for are unknown (train with the label mapped to a key).");
        }

        score.Value.GetSlotNames(ref names);
        var labels = names.DenseValues().Select(v => v.ToString()).ToArray();
        if (labels.Length != ((VectorDataViewType)score.Value.Type).Size || labels.Any(string.IsNullOrEmpty) || labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
        {
            throw new ModelFormatException($"{name}: 'Score' slot names must be distinct label names, one per entry (got {string.Join(", ", labels)}).");
        }

        return labels;
    }

    private static string Describe(DataViewSchema schema) =>
        schema.Count == 0 ? "(none)" : string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"{c.Name} ({c.Type})"));
}
