namespace Monitor.Worker.Web.Accounts;

/// <summary>A local account. <see cref="StationId"/> is set for (and only for) the <see cref="UserRole.Station"/> role.</summary>
public sealed record UserAccount(
    string Name,
    UserRole Role,
    string? StationId,
    bool Disabled,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt);

/// <summary>How a sign-in attempt ended; only <see cref="SignedIn"/> carries an account.</summary>
public enum SignInOutcome
{
    SignedIn,
    WrongNameOrPassword,
    LockedOut,
    Disabled,
}
