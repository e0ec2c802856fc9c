namespace Monitor.Alerts.Rules;

/// <summary>One way of reaching a recipient. <see cref="Key"/> names it in idempotency keys and in <c>alerts list</c>.</summary>
public abstract record DeliveryTarget
{
    public abstract string Channel { get; }

    /// <summary>What the target is, as <c>alerts list</c> shows it (never a secret).</summary>
    public abstract string Address { get; }

    public string Key => $"{Channel}:{Address}";
}

public sealed record EmailTarget(string To) : DeliveryTarget
{
    public override string Channel => "email";

    public override string Address => To;
}

/// <summary>A webhook; the HMAC secret is read from <see cref="SecretEnv"/> when sending, never stored.</summary>
public sealed record WebhookTarget(Uri Url, string SecretEnv) : DeliveryTarget
{
    public override string Channel => "webhook";

    public override string Address => Url.ToString();
}

/// <summary>A Telegram chat; the bot token is read from <see cref="TokenEnv"/> when sending.</summary>
public sealed record TelegramTarget(string ChatId, string TokenEnv) : DeliveryTarget
{
    public override string Channel => "telegram";

    public override string Address => ChatId;
}

/// <summary>A local folder, one file per delivery (the demo's channel: nothing leaves the machine).</summary>
public sealed record FolderTarget(string Path, string Format) : DeliveryTarget
{
    public override string Channel => "folder";

    public override string Address => Path;
}

public enum DigestMode
{
    Immediate,
    Hourly,
    Daily,
}

/// <summary>When a recipient hears: at once, gathered hourly, or gathered daily at <see cref="DailyAt"/> (local time).</summary>
public sealed record DeliverySchedule(DigestMode Mode, TimeOnly DailyAt = default)
{
    public static DeliverySchedule Immediate { get; } = new(DigestMode.Immediate);
}

/// <summary>Local hours in which nothing is sent; may wrap midnight (22:00-06:00).</summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    public bool Contains(TimeOnly time) =>
        From <= To ? time >= From && time < To : time >= From || time < To;
}

public sealed record Recipient(
    string Id,
    string Name,
    IReadOnlyList<DeliveryTarget> Targets,
    IReadOnlySet<string> Stations,
    IReadOnlySet<string> Clusters,
    IReadOnlySet<AlertKind> Kinds,
    DeliverySchedule Schedule,
    QuietHours? Quiet);
