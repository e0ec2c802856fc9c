using System.Globalization;
using Monitor.Storage.Queries;

namespace Monitor.Worker.Web.Pages;

/// <summary>A keyset cursor as one query-string value: <c>{UTC ticks}_{item id}</c>.</summary>
internal static class ItemCursorText
{
    public static string Write(ItemSummary last) =>
        string.Create(CultureInfo.InvariantCulture, $"{(last.PublishedAt ?? last.CollectedAt).UtcTicks}_{last.Id}");

    public static ItemCursor? Read(string? text)
    {
        var split = text?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        return split > 0 && long.TryParse(text![..split], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks
            ? new ItemCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(split + 1)..])
            : null;
    }
}
