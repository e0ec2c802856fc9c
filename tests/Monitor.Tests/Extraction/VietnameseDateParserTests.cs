using Monitor.Extraction.Dates;

namespace Monitor.Tests.Extraction;

public sealed class VietnameseDateParserTests
{
    [Theory]
    [InlineData("20/03/2024 14:33", "2024-03-20T07:33:00Z")]
    [InlineData("23/01/2024 - 17:55", "2024-01-23T10:55:00Z")]
    [InlineData("Chủ nhật, 28/11/2021", "2021-11-27T17:00:00Z")]
    [InlineData("20:18 , 23/11/2025", "2025-11-23T13:18:00Z")]
    [InlineData("Thứ 4, 01.01.2014 | 08:00:00", "2014-01-01T01:00:00Z")]
    [InlineData("Thứ Ba, 12/09/2017, 14:00 [GMT+7]", "2017-09-12T07:00:00Z")]
    [InlineData("30/05/2025 20:05", "2025-05-30T13:05:00Z")]
    [InlineData("Cập nhật lúc 07h15 ngày 02/03/2025", "2025-03-02T00:15:00Z")]
    [InlineData("ngày 5 tháng 3 năm 2024", "2024-03-04T17:00:00Z")]
    public void TryParseUtc_VietnameseForms_ReadAsVietnamTime(string text, string expectedUtc)
    {
        VietnameseDateParser.TryParseUtc(text, null, out var utc).ShouldBeTrue();

        utc.ShouldBe(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture));
        utc.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("2024-03-20T14:33:00+07:00", "2024-03-20T07:33:00Z")]
    [InlineData("2024-03-20T07:33:00Z", "2024-03-20T07:33:00Z")]
    [InlineData("2024-03-20T09:33:00.123+0900", "2024-03-20T00:33:00Z")]
    [InlineData("2024-03-20T14:33:00", "2024-03-20T07:33:00Z")]
    [InlineData("2024-03-20", "2024-03-19T17:00:00Z")]
    public void TryParseUtc_Iso8601_HonoursStatedOffsetElseVietnamTime(string text, string expectedUtc)
    {
        VietnameseDateParser.TryParseUtc(text, null, out var utc).ShouldBeTrue();

        utc.ShouldBe(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryParse_LocalForm_KeepsVietnamOffset()
    {
        VietnameseDateParser.TryParse("20/03/2024 14:33", null, out var value).ShouldBeTrue();

        value.Offset.ShouldBe(TimeSpan.FromHours(7));
        value.DateTime.ShouldBe(new DateTime(2024, 3, 20, 14, 33, 0));
    }

    [Fact]
    public void TryParseUtc_ProfileFormat_TriedFirst()
    {
        // "03/04/2024" is 3 April the Vietnamese way; a profile for an American-style site says otherwise.
        VietnameseDateParser.TryParseUtc("03/04/2024 10:00", ["MM/dd/yyyy HH:mm"], out var utc).ShouldBeTrue();

        utc.ShouldBe(new DateTimeOffset(2024, 3, 4, 3, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void TryParseUtc_ProfileFormatNotMatching_FallsBackToVietnameseForms()
    {
        VietnameseDateParser.TryParseUtc("Cập nhật: 03/04/2024 10:00", ["yyyy-MM-dd"], out var utc).ShouldBeTrue();

        utc.ShouldBe(new DateTimeOffset(2024, 4, 3, 3, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("March 20, 2024", 2024, 3, 20)]
    [InlineData("20 March 2024", 2024, 3, 20)]
    [InlineData("Sep. 4th, 2025", 2025, 9, 4)]
    public void TryParse_EnglishMonthNames_Read(string text, int year, int month, int day)
    {
        VietnameseDateParser.TryParse(text, null, out var value).ShouldBeTrue();

        value.Date.ShouldBe(new DateTime(year, month, day));
    }

    [Theory]
    [InlineData("")]
    [InlineData("không có ngày")]
    [InlineData("32/13/2024")]
    [InlineData("1234567890")]
    public void TryParseUtc_NoDate_ReturnsFalse(string text)
    {
        VietnameseDateParser.TryParseUtc(text, null, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParseUtc_PmMarker_AddsTwelveHours()
    {
        VietnameseDateParser.TryParseUtc("20/03/2024 02:15 PM", null, out var utc).ShouldBeTrue();

        utc.ShouldBe(new DateTimeOffset(2024, 3, 20, 7, 15, 0, TimeSpan.Zero));
    }
}
