namespace Monitor.Replay.Websites.Content;

/// <summary>Weekday names as Vietnamese sites print them ("Thứ Ba", "Thứ 4", "Chủ nhật").</summary>
internal static class VietnameseCalendar
{
    private static readonly string[] Words = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    public static string WeekdayInWords(DateTimeOffset date) => Words[(int)date.DayOfWeek];

    public static string WeekdayInDigits(DateTimeOffset date) =>
        date.DayOfWeek == DayOfWeek.Sunday ? "Chủ nhật" : "Thứ " + ((int)date.DayOfWeek + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
