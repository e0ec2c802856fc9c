namespace Monitor.Replay.Websites.Content;

/// <summary>
/// Escapes text for HTML and XML. Unlike WebUtility.HtmlEncode it leaves Vietnamese letters as
/// they are, so the Windows-1258 site really carries its bytes rather than numeric entities.
/// </summary>
internal static class HtmlText
{
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
