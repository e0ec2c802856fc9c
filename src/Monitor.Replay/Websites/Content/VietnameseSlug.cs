using System.Globalization;
using System.Text;

namespace Monitor.Replay.Websites.Content;

/// <summary>Turns a Vietnamese title into the ASCII URL slug Vietnamese CMSs use ("Thái Nguyên" → "thai-nguyen").</summary>
internal static class VietnameseSlug
{
    public static string From(string title)
    {
        var decomposed = title.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        return slug.ToString();
    }
}
