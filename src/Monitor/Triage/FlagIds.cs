using System.Security.Cryptography;
using System.Text;
using Monitor.Domain;

namespace Monitor.Triage;

/// <summary>
/// A flag's stable id: the same finding (target, source, reason) always gets the same id, in every
/// store and after an export and import, and it is safe in a URL path (<c>/inbox/f3a9…</c>).
/// </summary>
public static class FlagIds
{
    public static string Of(Flag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return Of(flag.TargetId, flag.Source, flag.Reason);
    }

    public static string Of(string targetId, string source, string reason)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', targetId, source, reason)));
        return "f" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>True when <paramref name="text"/> has the shape of a flag id (so a route can refuse anything else early).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 21 } && text[0] == 'f' && !text.AsSpan(1).ContainsAnyExcept(HexDigits);
}
