using System.CommandLine;
using System.Globalization;

namespace Monitor.Worker.Commands.Report;

/// <summary>Options shared by the report subcommands. Dates are calendar days in Vietnam (UTC+7).</summary>
internal static class ReportOptions
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static Option<bool> Json { get; } = new("--json") { Description = "Print the report as JSON instead of a table" };

    public static Option<string?> From { get; } = new("--from") { Description = "First day (yyyy-MM-dd, Vietnam time) of publication to include; default: all time" };

    public static Option<string?> To { get; } = new("--to") { Description = "Last day (yyyy-MM-dd, Vietnam time) of publication to include; default: all time" };

    /// <summary>The period as [from, to) instants; an error message instead when a date does not parse.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To, string? Error) Period(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        DateTimeOffset? from = null, to = null;
        if (parseResult.GetValue(From) is { } fromText)
        {
            if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return (null, null, $"--from must be a date such as 2026-11-01, not '{fromText}'");
            }

            from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Vietnam);
        }

        if (parseResult.GetValue(To) is { } toText)
        {
            if (!DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return (null, null, $"--to must be a date such as 2026-11-30, not '{toText}'");
            }

            to = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Vietnam);
        }

        return from is not null && to is not null && to <= from ? (null, null, "--to is before --from") : (from, to, null);
    }
}
