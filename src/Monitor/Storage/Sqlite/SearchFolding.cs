using System.Globalization;
using System.Text;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The folded form indexed for full-text search: lower case, combining marks removed and đ→d.
/// FTS5's <c>remove_diacritics</c> leaves 'đ' alone (it is a letter, not a d with a mark), so
/// "thai nguyen" would never find "Thái Nguyên" in a text that also says "Điện Biên"; folding
/// both the text and the query the same way fixes that for every Vietnamese letter.
/// </summary>
internal static class SearchFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue;
                default:
                    builder.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// An FTS5 query matching every word of <paramref name="query"/> (folded), each quoted so that
    /// user input can never be read as FTS syntax. Null when the query has no words.
    /// </summary>
    public static string? ToMatchExpression(string query)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in Fold(query))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words.Count == 0 ? null : string.Join(' ', words.Select(w => $"\"{w}\""));
    }
}
