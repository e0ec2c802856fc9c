namespace Monitor.Transfer;

/// <summary>One line of an NDJSON file: its number (from 1), where it starts and ends in bytes, and its bytes without the line end.</summary>
internal readonly record struct NdjsonLine(long Number, long Start, long End, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// Reads an NDJSON file line by line as UTF-8 bytes, from any byte offset, knowing where each line ends
/// (the resume point of an import). Memory stays that of the longest line, whatever the file's size; a line's
/// bytes are valid only until the next line is asked for.
/// </summary>
internal sealed class NdjsonLines(Stream stream, long startOffset, long firstLineNumber)
{
    private byte[] buffer = new byte[1 << 20];

    public async IAsyncEnumerable<NdjsonLine> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        stream.Seek(startOffset, SeekOrigin.Begin);
        int filled = 0, begin = 0;
        var offset = startOffset;
        var number = firstLineNumber;
        var eof = false;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', begin, filled - begin);
            if (newline < 0)
            {
                if (eof)
                {
                    if (filled > begin)
                    {
                        yield return Line(number, offset, begin, filled, filled);
                    }

                    yield break;
                }

                // Keep the unfinished line at the front, grow the buffer if one line fills it, read on.
                Buffer.BlockCopy(buffer, begin, buffer, 0, filled - begin);
                filled -= begin;
                begin = 0;
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                eof = read == 0;
                filled += read;
                continue;
            }

            var line = Line(number, offset, begin, newline, newline + 1);
            yield return line;
            offset = line.End;
            number++;
            begin = newline + 1;
        }
    }

    private NdjsonLine Line(long number, long offset, int begin, int contentEnd, int next)
    {
        var end = contentEnd > begin && buffer[contentEnd - 1] == (byte)'\r' ? contentEnd - 1 : contentEnd;
        var bytes = buffer.AsMemory(begin, end - begin);
        if (number == 1 && bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        return new NdjsonLine(number, offset, offset + (next - begin), bytes);
    }
}
