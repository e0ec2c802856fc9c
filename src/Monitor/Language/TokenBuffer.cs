namespace Monitor.Language;

public enum TokenKind : byte
{
    Word,
    Number,
    Url,
    Emoji,
    Symbol,
}

/// <summary>One token of normalised text: a slice of <see cref="TokenBuffer.Text"/> (and of the parallel accent-free view).</summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind);

/// <summary>
/// Reusable output of <see cref="VietnameseNormalizer.Tokenize"/>: the normalised characters, the
/// accent-free characters at the same offsets, and the token boundaries. It grows to the largest
/// document seen and is then reused, so normalising in the hot path allocates nothing.
/// </summary>
public sealed class TokenBuffer
{
    private char[] text = new char[256];
    private char[] plain = new char[256];
    private Token[] tokens = new Token[64];
    private char[] scratch = new char[64];
    private int length;
    private int count;
    private int tokenStart = -1;

    public ReadOnlySpan<char> Text => text.AsSpan(0, length);

    /// <summary>The same characters without diacritics (đ as d), offset for offset.</summary>
    public ReadOnlySpan<char> Plain => plain.AsSpan(0, length);

    public ReadOnlySpan<Token> Tokens => tokens.AsSpan(0, count);

    public ReadOnlySpan<char> TextOf(Token token) => text.AsSpan(token.Start, token.Length);

    public ReadOnlySpan<char> PlainOf(Token token) => plain.AsSpan(token.Start, token.Length);

    public void Clear()
    {
        length = 0;
        count = 0;
        tokenStart = -1;
    }

    internal Span<char> Scratch(int size)
    {
        if (scratch.Length < size)
        {
            scratch = new char[Math.Max(size, scratch.Length * 2)];
        }

        return scratch.AsSpan(0, size);
    }

    internal void BeginToken()
    {
        tokenStart = length;
    }

    internal void Append(char accented, char accentFree)
    {
        if (length == text.Length)
        {
            Array.Resize(ref text, text.Length * 2);
            Array.Resize(ref plain, plain.Length * 2);
        }

        text[length] = accented;
        plain[length] = accentFree;
        length++;
    }

    internal void EndToken(TokenKind kind)
    {
        if (tokenStart < 0 || length == tokenStart)
        {
            tokenStart = -1;
            return;
        }

        if (count == tokens.Length)
        {
            Array.Resize(ref tokens, tokens.Length * 2);
        }

        tokens[count++] = new Token(tokenStart, length - tokenStart, kind);
        tokenStart = -1;
    }

    /// <summary>
    /// Appends one word token in a single step: <paramref name="letters"/> (base letters, tone-free)
    /// with <paramref name="toned"/> in place of the letter at <paramref name="tonePosition"/> (-1 for
    /// none), and beside them the accent-free letters.
    /// </summary>
    internal void AppendWord(ReadOnlySpan<char> letters, int tonePosition, char toned)
    {
        if (letters.IsEmpty)
        {
            return;
        }

        if (length + letters.Length > text.Length)
        {
            var size = Math.Max(length + letters.Length, text.Length * 2);
            Array.Resize(ref text, size);
            Array.Resize(ref plain, size);
        }

        var accented = text.AsSpan(length, letters.Length);
        var accentFree = plain.AsSpan(length, letters.Length);
        letters.CopyTo(accented);
        for (var j = 0; j < letters.Length; j++)
        {
            accentFree[j] = VietnameseLetters.PlainLetter(letters[j]);
        }

        if (tonePosition >= 0)
        {
            accented[tonePosition] = toned;
        }

        if (count == tokens.Length)
        {
            Array.Resize(ref tokens, tokens.Length * 2);
        }

        tokens[count++] = new Token(length, letters.Length, TokenKind.Word);
        length += letters.Length;
        tokenStart = -1;
    }

    /// <summary>Drops the last token and its characters (a teencode abbreviation about to be replaced).</summary>
    internal void RemoveLastToken()
    {
        if (count == 0)
        {
            return;
        }

        count--;
        length = tokens[count].Start;
    }

    internal void AppendToken(string accented, string accentFree, TokenKind kind)
    {
        BeginToken();
        for (var i = 0; i < accented.Length; i++)
        {
            Append(accented[i], accentFree[i]);
        }

        EndToken(kind);
    }
}
