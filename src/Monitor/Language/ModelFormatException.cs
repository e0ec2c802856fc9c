namespace Monitor.Language;

/// <summary>A model file that this build cannot read: not a model, damaged, or written by another format version.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException()
    {
    }

    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
