using System.Security.Claims;

namespace Monitor.Worker.Web.Accounts;

/// <summary>The signed-in person as a request sees them, and what they may see.</summary>
public sealed record Viewer(string Name, UserRole Role, string? StationId)
{
    public const string StationClaim = "monitor:station";

    public bool CanTriage => Role.CanTriage();

    /// <summary>Everyone but a station account sees every station; a station account sees its own.</summary>
    public bool CanSee(string stationId) => Role != UserRole.Station || string.Equals(StationId, stationId, StringComparison.Ordinal);

    public static Viewer From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var role = UserRoles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var parsed) ? parsed : UserRole.Analyst;
        return new Viewer(principal.Identity?.Name ?? string.Empty, role, principal.FindFirstValue(StationClaim));
    }

    public static ClaimsPrincipal Principal(UserAccount account, string scheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name), new(ClaimTypes.Role, account.Role.ToWire()) };
        if (account.StationId is { } station)
        {
            claims.Add(new Claim(StationClaim, station));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
