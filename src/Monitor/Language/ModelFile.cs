using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Monitor.Language.Features;

namespace Monitor.Language;

/// <summary>
/// The binary model format. Layout: magic <c>MONCLSF1</c>, format version (int32), header
/// (task, version, labels, feature settings, temperature, training metadata), then a Brotli block
/// holding, for each feature seen in training, its id (delta varint), idf and per-class weights as
/// IEEE half floats. Only seen features are stored, which keeps a 2^20-bucket model to a few MB.
/// </summary>
public static class ModelFile
{
    public const int FormatVersion = 2;

    /// <summary>Version 1 is version 2 without the cue flag; a model without cues is still written as version 1, byte for byte as before.</summary>
    public const int FormatVersionWithoutCues = 1;
    private static readonly byte[] Magic = "MONCLSF1"u8.ToArray();

    /// <summary>Whether <paramref name="head"/> (a file's first bytes) starts like a file of this format.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> head) => head.StartsWith(Magic);

    public static void Save(TextClassifierModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bytes = Serialize(model);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, bytes);
    }

    public static TextClassifierModel Load(string path)
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

        try
        {
            return Deserialize(bytes);
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"'{path}': {e.Message}", e);
        }
    }

    public static byte[] Serialize(TextClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var payload = WritePayload(model);
        var version = string.Create(CultureInfo.InvariantCulture, $"{model.Task}-{Convert.ToHexStringLower(SHA256.HashData(payload).AsSpan(0, 6))}");
        using var output = new MemoryStream();
        using (var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(model.Features.Cues ? FormatVersion : FormatVersionWithoutCues);
            writer.Write(model.Task);
            writer.Write(version);
            writer.Write(model.Labels.Count);
            foreach (var label in model.Labels)
            {
                writer.Write(label);
            }

            var f = model.Features;
            writer.Write(f.HashBits);
            writer.Write(f.WordNgramMax);
            writer.Write(f.CharNgramMin);
            writer.Write(f.CharNgramMax);
            writer.Write(f.PlainWordNgramMax);
            writer.Write(f.MaxCharacters);
            if (f.Cues)
            {
                writer.Write(1);
            }

            writer.Write(model.Temperature);
            var m = model.Metadata;
            writer.Write(m.TrainedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.Write(m.TrainFile);
            writer.Write(m.TrainSha256);
            writer.Write(m.TrainDocuments);
            writer.Write(m.C);
            writer.Write(m.Seed);
            writer.Write(m.DevFile ?? string.Empty);
            writer.Write(m.DevMacroF1 ?? double.NaN);
            writer.Write(m.DevAccuracy ?? double.NaN);
            writer.Write(m.Calibration);
            foreach (var b in model.Bias)
            {
                writer.Write(b);
            }

            writer.Write(payload.Length);
            writer.Write(payload);
        }

        return output.ToArray();
    }

    public static TextClassifierModel Deserialize(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < Magic.Length + 4 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new ModelFormatException("not a Monitor classifier model (the file does not start with MONCLSF1).");
        }

        var formatVersion = BitConverter.ToInt32(bytes, Magic.Length);
        if (formatVersion is not (FormatVersion or FormatVersionWithoutCues))
        {
            throw new ModelFormatException(
                $"model file format version {formatVersion}, but this build reads versions {FormatVersionWithoutCues} and {FormatVersion}. " +
                "Rebuild the model with 'monitor model train' (see models/README.md).");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length + 4, bytes.Length - Magic.Length - 4), Encoding.UTF8);
            var task = reader.ReadString();
            var version = reader.ReadString();
            var labelCount = reader.ReadInt32();
            if (labelCount is < 2 or > 1000)
            {
                throw new ModelFormatException($"implausible label count {labelCount}; the file is damaged.");
            }

            var labels = new string[labelCount];
            for (var k = 0; k < labelCount; k++)
            {
                labels[k] = reader.ReadString();
            }

            var features = new FeatureSettings(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            if (formatVersion == FormatVersion)
            {
                features = features with { Cues = reader.ReadInt32() != 0 };
            }

            var errors = features.Validate();
            if (errors.Count > 0)
            {
                throw new ModelFormatException("invalid feature settings: " + string.Join("; ", errors));
            }

            var temperature = reader.ReadSingle();
            var trainedAt = DateTimeOffset.Parse(reader.ReadString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var trainFile = reader.ReadString();
            var trainSha = reader.ReadString();
            var trainDocuments = reader.ReadInt32();
            var c = reader.ReadDouble();
            var seed = reader.ReadInt32();
            var devFile = reader.ReadString();
            var devF1 = reader.ReadDouble();
            var devAccuracy = reader.ReadDouble();
            var calibration = reader.ReadString();
            var bias = new float[labelCount];
            for (var k = 0; k < labelCount; k++)
            {
                bias[k] = reader.ReadSingle();
            }

            var payload = reader.ReadBytes(reader.ReadInt32());
            var (idf, weights) = ReadPayload(payload, features.Dimensions, labelCount);
            var metadata = new ModelMetadata(
                trainedAt, trainFile, trainSha, trainDocuments, c, seed,
                devFile.Length == 0 ? null : devFile,
                double.IsNaN(devF1) ? null : devF1,
                double.IsNaN(devAccuracy) ? null : devAccuracy,
                calibration);
            return new TextClassifierModel(task, labels, features, idf, weights, bias, temperature, metadata, version);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or InvalidDataException or IndexOutOfRangeException or ArgumentException)
        {
            throw new ModelFormatException($"the model file is damaged or truncated ({e.Message}).", e);
        }
    }

    private static byte[] WritePayload(TextClassifierModel model)
    {
        var classes = model.Labels.Count;
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli))
        {
            var count = 0;
            foreach (var value in model.Idf)
            {
                if (value > 0)
                {
                    count++;
                }
            }

            writer.Write(count);
            var previous = -1;
            for (var id = 0; id < model.Idf.Length; id++)
            {
                if (model.Idf[id] <= 0)
                {
                    continue;
                }

                writer.Write7BitEncodedInt(id - previous);
                previous = id;
                writer.Write((Half)model.Idf[id]);
                for (var k = 0; k < classes; k++)
                {
                    writer.Write((Half)model.Weights[(id * classes) + k]);
                }
            }
        }

        return output.ToArray();
    }

    private static float ReadFinite(BinaryReader reader)
    {
        var value = reader.ReadHalf();
        return Half.IsFinite(value) ? (float)value : throw new InvalidDataException($"weight {value} is not a finite number");
    }

    private static (float[] Idf, float[] Weights) ReadPayload(byte[] payload, int dimensions, int classes)
    {
        var idf = new float[dimensions];
        var weights = new float[(long)dimensions * classes];
        using var brotli = new BrotliStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var reader = new BinaryReader(brotli);
        var count = reader.ReadInt32();
        var id = -1;
        for (var i = 0; i < count; i++)
        {
            id += reader.Read7BitEncodedInt();
            if ((uint)id >= (uint)dimensions)
            {
                throw new InvalidDataException($"feature id {id} outside the hash space of {dimensions}");
            }

            idf[id] = ReadFinite(reader);
            for (var k = 0; k < classes; k++)
            {
                weights[(id * classes) + k] = ReadFinite(reader);
            }
        }

        return (idf, weights);
    }
}
