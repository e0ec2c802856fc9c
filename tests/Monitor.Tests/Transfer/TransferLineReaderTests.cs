using System.Text;
using System.Text.Json;
using Monitor.Transfer;

namespace Monitor.Tests.Transfer;

public sealed class TransferLineReaderTests
{
    public static TheoryData<string> WellFormedLines => new()
    {
        """{"type":"item","id":"youtube:v1","stationId":"thai-nguyen","channelId":"thai-nguyen-youtube","platform":"youtube","kind":"video","url":"https://www.youtube.com/watch?v=v1","title":"Thái Nguyên \"đón\" mùa chè \u00e9","body":"Dòng 1\nDòng 2","author":null,"category":"Xã hội","publishedAt":"2026-11-01T08:00:00+07:00","collectedAt":"2026-11-02T01:00:00.1234567Z","language":"vi"}""",
        """{"id":"web:abc","type":"item","stationId":"cao-bang","channelId":"cao-bang-web","platform":"web","kind":"article","url":"https://caobangtv.vn/a","title":"","body":null,"author":"Phóng viên","category":null,"publishedAt":null,"collectedAt":"2026-11-02T01:00:00Z","language":null}""",
        """{"type":"observation","itemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":120,"reactions":null,"comments":0,"shares":9007199254740993}""",
        """  {"itemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":1,"reactions":2,"comments":3,"shares":4,"type":"observation"}  """,
        """{"type":"comment","id":"youtube:c1","itemId":"youtube:v1","platform":"youtube","parentId":"youtube:c0","author":"Khán giả","text":"Hay quá 👍","publishedAt":"2026-11-01T05:00:00Z","likes":3}""",
        """{"type":"comment","id":"youtube:c2","itemId":"youtube:v1","platform":"youtube","parentId":null,"author":null,"text":"","publishedAt":null,"likes":null}""",
    };

    /// <summary>Lines the fast path leaves to the serializer: the serializer's answer (a line or an error) is what import sees.</summary>
    public static TheoryData<string> OtherLines => new()
    {
        """{"type":"observation","itemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":"12","reactions":2,"comments":3,"shares":4}""",
        """{"Type":"observation","ItemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":1,"reactions":2,"comments":3,"shares":4}""",
        """{"type":"observation","itemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":1,"reactions":2,"comments":3,"shares":4,"extra":1}""",
        """{"type":"observation","itemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":1,"views":5,"reactions":2,"comments":3,"shares":4}""",
        """{"type":"observation","itemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":1,"reactions":2,"comments":3}""",
        """{"type":"observation","itemId":null,"observedAt":"2026-11-01T03:00:00Z","views":1,"reactions":2,"comments":3,"shares":4}""",
        """{"type":"observation","itemId":"youtube:v1","observedAt":"hôm qua","views":1,"reactions":2,"comments":3,"shares":4}""",
        """{"type":"observation","itemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":1.5,"reactions":2,"comments":3,"shares":4}""",
        """{"type":"video","id":"x"}""",
        """{"type":"comment","id":"youtube:c1","itemId":"youtube:v1","platform":"youtube","parentId":null,"author":null,"text":"a","publishedAt":null,"likes":0} trailing""",
        """{"type":"comment","id":"youtube:c1","itemId":"youtube:v1","platform":"youtube","parentId":null,"author":null,"text":"a","publishedAt":null,"likes":0""",
        """[1,2]""",
        """null""",
    };

    [Theory]
    [MemberData(nameof(WellFormedLines))]
    public void TryRead_WellFormedLine_SameAsSerializer(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);

        var fast = TransferLineReader.TryRead(bytes);

        Assert.NotNull(fast);
        Assert.Equal(JsonSerializer.Deserialize<TransferLine>(bytes, TransferJson.Options), fast);
    }

    [Theory]
    [MemberData(nameof(OtherLines))]
    public void TryRead_LineOutsideTheExactShape_LeftToSerializer(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);

        Assert.Null(TransferLineReader.TryRead(bytes));
        var serializer = Record.Exception(() => JsonSerializer.Deserialize<TransferLine>(bytes, TransferJson.Options) ?? throw new FormatException("the line is null, not a JSON object"));
        var read = Record.Exception(() => TransferJson.Read(bytes));
        Assert.Equal(serializer?.GetType(), read?.GetType());
        Assert.Equal(serializer?.Message, read?.Message);
    }

    [Fact]
    public void TryRead_NumberInQuotes_SerializerStillReadsIt()
    {
        var line = TransferJson.Read("""{"type":"observation","itemId":"youtube:v1","observedAt":"2026-11-01T03:00:00Z","views":"12","reactions":2,"comments":3,"shares":4}"""u8);

        Assert.Equal(12, Assert.IsType<ObservationLine>(line).Views);
    }
}
