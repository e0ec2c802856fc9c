using System.Globalization;
using Microsoft.AspNetCore.Http;
using Monitor.Worker.Web.Localization;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// The period a page covers, from <c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (both days included,
/// Vietnam time). Missing ends are open: no dates means everything stored.
/// </summary>
public sealed record Period(DateOnly? FromDay, DateOnly? ToDay)
{
    public DateTimeOffset? From => FromDay is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), UiText.VietnamOffset) : null;

    /// <summary>Exclusive: the start of the day after <see cref="ToDay"/>.</summary>
    public DateTimeOffset? To => ToDay is { } d ? new DateTimeOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue), UiText.VietnamOffset) : null;

    public string? FromText => FromDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string? ToText => ToDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Period Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Period(Day(request.Query["from"]), Day(request.Query["to"]));
    }

    /// <summary>The <paramref name="days"/> days up to and including today (Vietnam time) when the request names no period.</summary>
    public static Period OrLast(Period asked, TimeProvider clock, int days)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(clock);
        if (asked.FromDay is not null || asked.ToDay is not null)
        {
            return asked;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(UiText.VietnamOffset).DateTime);
        return new Period(today.AddDays(1 - days), today);
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
