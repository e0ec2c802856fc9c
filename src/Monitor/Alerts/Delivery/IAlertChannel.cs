using Monitor.Alerts.Rules;

namespace Monitor.Alerts.Delivery;

/// <summary>One way of delivering (email, webhook, Telegram, folder). Throws <see cref="AlertDeliveryException"/> on failure.</summary>
public interface IAlertChannel
{
    /// <summary>The <see cref="DeliveryTarget.Channel"/> this channel sends to.</summary>
    string Channel { get; }

    Task SendAsync(DeliveryTarget target, AlertMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// A delivery that did not happen. <see cref="Permanent"/>: trying again cannot help (the address is
/// refused, a secret is missing); otherwise the dispatcher retries with backoff.
/// </summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException()
    {
    }

    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    public AlertDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AlertDeliveryException(string message, bool permanent, Exception? innerException = null)
        : base(message, innerException)
    {
        Permanent = permanent;
    }

    public bool Permanent { get; }
}
