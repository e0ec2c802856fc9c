using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Language.Tuning;

/// <summary>
/// Fold scores kept in a small tab-separated file (key, then each fold's macro-F1), so a settings
/// search on two shared cores is paid for once: the key holds a hash of the training data, the
/// folds, the seed and the whole setting, so a change to any of them misses.
/// </summary>
public sealed class CrossValidationCache
{
    private readonly string path;
    private readonly Dictionary<string, double[]> entries = new(StringComparer.Ordinal);

    public CrossValidationCache(string path)
    {
        this.path = path;
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split('\t');
            var values = new double[fields.Length - 1];
            var ok = fields.Length > 1;
            for (var i = 1; ok && i < fields.Length; i++)
            {
                ok = double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i - 1]);
            }

            // A damaged line (a run cut off mid-write) is only a miss: it gets computed again.
            if (ok)
            {
                entries[fields[0]] = values;
            }
        }
    }

    public IReadOnlyList<double>? TryGet(string key) => entries.TryGetValue(key, out var values) ? values : null;

    public void Add(string key, IReadOnlyList<double> foldScores)
    {
        ArgumentNullException.ThrowIfNull(foldScores);
        entries[key] = [.. foldScores];
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.AppendAllText(path, key + "\t" + string.Join('\t', foldScores.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n");
    }

    internal static string Fingerprint(IReadOnlyList<LabelledText> documents)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in documents)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(document.Label));
            sha.AppendData("\t"u8);
            sha.AppendData(Encoding.UTF8.GetBytes(document.Text));
            sha.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset().AsSpan(0, 8));
    }
}
