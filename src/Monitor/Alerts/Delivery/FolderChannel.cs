using System.Text;
using Monitor.Alerts.Rules;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Writes each delivery as one file (.eml or .json) in a local folder: the demo's channel, so an
/// alert can be read without anything leaving the machine. The file is named by the idempotency
/// key and written whole before it is renamed into place, so a repeat overwrites rather than adds.
/// </summary>
internal sealed class FolderChannel(string dataFolder) : IAlertChannel
{
    public string Channel => "folder";

    public async Task SendAsync(DeliveryTarget target, AlertMessage message, CancellationToken cancellationToken = default)
    {
        var folder = (FolderTarget)target;
        var path = Path.IsPathRooted(folder.Path) ? folder.Path : Path.Combine(dataFolder, folder.Path);
        try
        {
            Directory.CreateDirectory(path);
            var name = FileName(message.IdempotencyKey) + "." + folder.Format;
            var temporary = Path.Combine(path, "." + name + ".tmp");
            if (folder.Format == "json")
            {
                await File.WriteAllTextAsync(temporary, message.ToJson(), new UTF8Encoding(false), cancellationToken);
            }
            else
            {
                using var mime = EmailChannel.Build(message, "Monitor <monitor@localhost>", $"{message.RecipientId}@localhost");
                await mime.WriteToAsync(temporary, cancellationToken);
            }

            File.Move(temporary, Path.Combine(path, name), overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AlertDeliveryException($"cannot write into the folder {path}: {exception.Message}", permanent: false, exception);
        }
    }

    private static string FileName(string key)
    {
        var safe = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return safe.ToString();
    }
}
