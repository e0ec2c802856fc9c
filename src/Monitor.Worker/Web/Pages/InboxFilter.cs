using Microsoft.AspNetCore.Http;
using Monitor.Domain;
using Monitor.Triage;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// The inbox's filters as the query string carries them (<c>station, platform, source, severity,
/// status, assignee, from, to</c>), turned into a <see cref="FlagFilter"/> a station account cannot
/// widen past its own station.
/// </summary>
internal sealed record InboxFilter(string? Station, string? Platform, string? Source, string? Severity, string? Status, string? Assignee, Period Period)
{
    public static InboxFilter Of(HttpRequest request) => new(
        Value(request, "station"), Value(request, "platform"), Value(request, "source"), Value(request, "severity"),
        Value(request, "status"), Value(request, "assignee"), Period.Of(request));

    public FlagFilter ToFlagFilter(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        IReadOnlyCollection<string>? stations = viewer.Role == UserRole.Station
            ? (Station is null || Station == viewer.StationId ? [viewer.StationId ?? string.Empty] : [])
            : Station is null ? null : [Station];
        IReadOnlyCollection<FlagStatus>? statuses = Status switch
        {
            null => null,
            "open_work" => FlagFilter.OpenWork,
            _ when TriageNames.TryParseStatus(Status, out var s) => [s],
            _ => null,
        };
        return new FlagFilter(
            stations,
            PlatformNames.TryParse(Platform, out var platform) ? platform : null,
            Source, Severity, statuses, Assignee, Period.From, Period.To);
    }

    /// <summary>The filters as query pairs, so links and exports keep them; <paramref name="status"/> replaces the status.</summary>
    public (string Name, string? Value)[] Query(string? status) =>
        [("station", Station), ("platform", Platform), ("source", Source), ("severity", Severity), ("status", status), ("assignee", Assignee), ("from", Period.FromText), ("to", Period.ToText)];

    private static string? Value(HttpRequest request, string name) => request.Query[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
}
