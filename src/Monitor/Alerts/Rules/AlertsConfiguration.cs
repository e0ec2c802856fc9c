namespace Monitor.Alerts.Rules;

public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>The SMTP server email alerts go through; credentials come from the named environment variables.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string From, string? UsernameEnv, string? PasswordEnv);

/// <summary>Everything in <c>pipelines/alerts.yaml</c>.</summary>
public sealed record AlertsConfiguration(
    AlertRules Rules,
    IReadOnlyList<Recipient> Recipients,
    SmtpSettings? Smtp,
    Uri TelegramBaseUrl,
    Uri DashboardUrl)
{
    public static Uri DefaultDashboardUrl { get; } = new("http://127.0.0.1:5080/");

    public static Uri DefaultTelegramBaseUrl { get; } = new("https://api.telegram.org/");

    /// <summary>No alerts file: the rules at their defaults, nobody to tell (alerts are still kept and listed).</summary>
    public static AlertsConfiguration Empty { get; } = new(AlertRules.Defaults, [], null, DefaultTelegramBaseUrl, DefaultDashboardUrl);

    /// <summary>The local time alerts are scheduled in (quiet hours, daily digests).</summary>
    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public Recipient? FindRecipient(string id) => Recipients.FirstOrDefault(r => r.Id == id);
}
