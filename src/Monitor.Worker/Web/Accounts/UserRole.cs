namespace Monitor.Worker.Web.Accounts;

/// <summary>
/// Who a signed-in person is to the monitor. <c>admin</c>: everything; <c>reviewer</c> (propaganda
/// board): every station, triage; <c>analyst</c> (information department): reads everything, no
/// triage; <c>station</c>: its own station's pages, items, flags and API answers only.
/// </summary>
public enum UserRole
{
    Admin,
    Reviewer,
    Analyst,
    Station,
}

public static class UserRoles
{
    public static string ToWire(this UserRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out UserRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    /// <summary>Whether this role may take, assign, resolve or dismiss flags.</summary>
    public static bool CanTriage(this UserRole role) => role is UserRole.Admin or UserRole.Reviewer or UserRole.Station;
}
