using System.Globalization;
using System.Resources;

namespace Monitor.Worker.Web.Localization;

/// <summary>
/// The dashboard's words from <c>Strings.resx</c> (Vietnamese, the neutral language) and
/// <c>Strings.en.resx</c>, plus numbers and dates the way each language writes them: Vietnamese
/// <c>1.234.567</c> and <c>0,75</c>; dates <c>dd/MM/yyyy HH:mm</c> in Asia/Ho_Chi_Minh for both.
/// </summary>
public sealed class UiText
{
    public static readonly UiText Vietnamese = new("vi");
    public static readonly UiText English = new("en");

    private static readonly ResourceManager Resources = new("Monitor.Worker.Web.Localization.Strings", typeof(UiText).Assembly);

    private readonly CultureInfo culture;
    private readonly NumberFormatInfo numbers;

    private UiText(string language)
    {
        Language = language;
        culture = CultureInfo.GetCultureInfo(language == "en" ? "en" : string.Empty);
        numbers = new NumberFormatInfo
        {
            NumberGroupSeparator = language == "en" ? "," : ".",
            NumberDecimalSeparator = language == "en" ? "." : ",",
            NegativeSign = "-",
        };
    }

    /// <summary><c>vi</c> or <c>en</c>.</summary>
    public string Language { get; }

    /// <summary>Vietnam keeps UTC+7 all year; the fixed offset is used where the system has no time-zone data.</summary>
    public static TimeZoneInfo VietnamZone { get; } = FindVietnamZone();

    public static TimeSpan VietnamOffset => TimeSpan.FromHours(7);

    public static UiText For(string? language) => language == "en" ? English : Vietnamese;

    public string this[string key] => Resources.GetString(key, culture) ?? key;

    public string Format(string key, params object[] values) => string.Format(culture, this[key], values);

    public string Number(long value) => value.ToString("#,0", numbers);

    public string Number(long? value) => value is { } v ? Number(v) : "–";

    public string Fraction(double? value, int digits = 1) => value is { } v ? v.ToString("#,0." + new string('0', digits), numbers) : "–";

    public string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", numbers) + " %" : "–";

    /// <summary>An overperformance score with its sign, as the reports write it.</summary>
    public string Score(double? score) => score is { } s ? (s >= 0 ? "+" : string.Empty) + s.ToString("0.00", numbers) : "–";

    public string Date(DateTimeOffset? at) => at is { } a ? TimeZoneInfo.ConvertTime(a, VietnamZone).ToString("dd'/'MM'/'yyyy HH':'mm", culture) : "–";

    public string Day(DateOnly day) => day.ToString("dd'/'MM'/'yyyy", culture);

    private static TimeZoneInfo FindVietnamZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Asia/Ho_Chi_Minh", "ICT");
        }
    }
}
