using Monitor.Language.MlNet;

namespace Monitor.Language;

/// <summary>
/// Opens a classifier file of either kind, told apart by content, not by name: the project's own
/// format (<see cref="ModelFile"/>, magic <c>MONCLSF1</c>) or an ML.NET model zip (<see cref="MlNetModelFile"/>).
/// </summary>
public static class TextClassifierFile
{
    /// <summary>
    /// <paramref name="task"/> names what an ML.NET zip is used for (zips carry no task); a file
    /// in the project's format keeps the task it was trained for.
    /// </summary>
    public static ITextClassifier Load(string path, string task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        Span<byte> head = stackalloc byte[8];
        int read;
        try
        {
            using var stream = File.OpenRead(path);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException($"Cannot read model file '{path}': {e.Message}", e);
        }

        if (MlNetModelFile.LooksLikeZip(head[..read]))
        {
            return MlNetModelFile.Load(path, task);
        }

        if (ModelFile.HasMagic(head[..read]))
        {
            return new LinearTextClassifier(ModelFile.Load(path));
        }

        throw new ModelFormatException(
            $"'{path}' is neither a model of this project (made by 'model train --engine linear') nor an ML.NET model zip (made by 'model train --engine mlnet' or ML.NET's own tools).");
    }
}
