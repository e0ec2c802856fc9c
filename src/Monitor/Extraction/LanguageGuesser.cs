namespace Monitor.Extraction;

/// <summary>The page language: what it declares, else Vietnamese when the text carries Vietnamese letters.</summary>
internal static class LanguageGuesser
{
    private const double VietnameseLetterShare = 0.02;
    private const string VietnameseOnlyLetters = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ";

    public static string? Guess(string? declared, string body)
    {
        if (!string.IsNullOrWhiteSpace(declared))
        {
            var code = declared.Trim().Replace('_', '-').Split('-')[0].ToLowerInvariant();
            if (code.Length is 2 or 3)
            {
                return code;
            }
        }

        var letters = 0;
        var vietnamese = 0;
        foreach (var c in body)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (VietnameseOnlyLetters.Contains(c, StringComparison.Ordinal))
                {
                    vietnamese++;
                }
            }
        }

        if (letters == 0)
        {
            return null;
        }

        return (double)vietnamese / letters >= VietnameseLetterShare ? "vi" : null;
    }
}
