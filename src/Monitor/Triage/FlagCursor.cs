using System.Globalization;

namespace Monitor.Triage;

/// <summary>
/// The inbox's keyset position: the last row's raised time (Unix milliseconds) and id. The same
/// text in both stores, so a cursor survives a store migration; anything else is refused.
/// </summary>
public sealed record FlagCursor(long RaisedAtMilliseconds, string FlagId)
{
    public DateTimeOffset RaisedAt => DateTimeOffset.FromUnixTimeMilliseconds(RaisedAtMilliseconds);

    public static FlagCursor After(FlagSummary flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return new(flag.RaisedAt.ToUnixTimeMilliseconds(), flag.Id);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RaisedAtMilliseconds}.{FlagId}");

    public static FlagCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            && long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis)
            && FlagIds.IsWellFormed(text[(dot + 1)..])
            ? new FlagCursor(millis, text[(dot + 1)..])
            : throw new ArgumentException($"'{text}' is not an inbox cursor.", nameof(text));
    }
}
