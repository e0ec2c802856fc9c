namespace Monitor.Language.Features;

/// <summary>
/// Two cues that n-grams of a short comment split up: whether it asks something (a question is
/// rarely a complaint, however bad its topic), and which words sit in a negation's scope ("không
/// chê vào đâu được" praises; "không đẹp" does not). Both work on normalised tokens, so teencode
/// ("ko", "j", "bh") is already expanded; a word typed without diacritics is matched by its
/// accent-free form.
/// </summary>
internal static class CommentCues
{
    /// <summary>Words after a negator that take its scope; the scope also ends at punctuation.</summary>
    public const int NegationScope = 3;

    // Question words that ask on their own (accented forms; accent-free forms only when the writer typed none).
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal) { "gì", "đâu", "nào", "mấy", "hả", "hở", "nhỉ", "hỏi", "răng", "chăng" };
    private static readonly HashSet<string> PlainQuestionWords = new(StringComparer.Ordinal) { "gi", "dau", "nao", "hoi", "nhi" };

    // "bao giờ / bao nhiêu / bao lâu", "có ... không/chưa" at the end of a sentence or before a particle.
    private static readonly HashSet<string> AfterBao = new(StringComparer.Ordinal) { "giờ", "nhiêu", "lâu", "gio", "nhieu", "lau" };
    private static readonly HashSet<string> YesNoEnd = new(StringComparer.Ordinal) { "không", "chưa", "khong", "chua", "hông", "hem" };
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "ạ", "a", "vậy", "vay", "nhỉ", "nhi", "ad", "admin", "ta", "hả", "ha", "mọi", "mn", "nhé", "shop", "bạn", "chị", "anh", "em" };

    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal) { "không", "chẳng", "chả", "chưa", "đừng", "hổng", "hông", "chớ", "khong", "chang", "chua" };

    /// <summary>
    /// True when the comment asks something: a question mark, a question word, "bao giờ"-like pairs, or a closing
    /// "không/chưa". A question word inside a negation's scope does not ask ("không báo trước gì cả", "không chê vào đâu được").
    /// </summary>
    public static bool IsQuestion(TokenBuffer buffer)
    {
        var tokens = buffer.Tokens;
        var scope = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.Kind != TokenKind.Word)
            {
                scope = 0;
            }

            if (token.Kind == TokenKind.Symbol)
            {
                if (buffer.TextOf(token).Contains('?'))
                {
                    return true;
                }

                continue;
            }

            if (token.Kind != TokenKind.Word)
            {
                continue;
            }

            var word = buffer.TextOf(token).ToString();
            var negated = scope > 0;
            scope = Negators.Contains(word) ? NegationScope : Math.Max(0, scope - 1);
            var typedPlain = buffer.TextOf(token).SequenceEqual(buffer.PlainOf(token));
            if (!negated && (QuestionWords.Contains(word) || (typedPlain && PlainQuestionWords.Contains(word))))
            {
                return true;
            }

            var next = t + 1 < tokens.Length && tokens[t + 1].Kind == TokenKind.Word ? buffer.TextOf(tokens[t + 1]).ToString() : null;
            if (word is "bao" && next is not null && AfterBao.Contains(next))
            {
                return true;
            }

            // A closing "không"/"chưa" asks (yes/no question); one inside the sentence negates.
            if (YesNoEnd.Contains(word) && t > 0 && (next is null || Particles.Contains(next)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes to <paramref name="into"/> the index of every word token inside a negator's scope (at most one per token) and returns how many.</summary>
    public static int Negated(TokenBuffer buffer, Span<int> into)
    {
        var tokens = buffer.Tokens;
        var scope = 0;
        var count = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.Kind != TokenKind.Word)
            {
                scope = 0;
                continue;
            }

            if (Negators.Contains(buffer.TextOf(token).ToString()))
            {
                scope = NegationScope;
                continue;
            }

            if (scope > 0)
            {
                into[count++] = t;
                scope--;
            }
        }

        return count;
    }
}
