using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Rules;
using Polly;
using Polly.Retry;

namespace Monitor.Alerts.Outbox;

/// <summary>What one dispatch did: messages sent, failures to be tried again, deliveries given up.</summary>
public sealed record DispatchResult(int Sent, int Retrying, int GivenUp, IReadOnlyList<string> Errors);

/// <summary>
/// Delivers what the outbox holds once it is due. Each outbox row is one alert for one recipient and
/// channel (its idempotency key); it is marked sent only after the channel accepted it, so a process
/// killed before the mark sends it again after the restart, and a row marked sent is never sent
/// again. A digest recipient's due rows go out as one message. One failing recipient never holds
/// back the others.
/// </summary>
public sealed class AlertDispatcher
{
    private readonly IAlertOutbox outbox;
    private readonly Dictionary<string, IAlertChannel> channels;
    private readonly AlertsConfiguration configuration;
    private readonly AlertDispatchOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<AlertDispatcher> logger;
    private readonly ResiliencePipeline pipeline;

    public AlertDispatcher(IAlertOutbox outbox, IEnumerable<IAlertChannel> channels, AlertsConfiguration configuration, AlertDispatchOptions options, TimeProvider clock, ILogger<AlertDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.outbox = outbox;
        this.channels = channels.ToDictionary(c => c.Channel, StringComparer.Ordinal);
        this.configuration = configuration;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (options.InCallRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AlertDeliveryException>(e => !e.Permanent),
                MaxRetryAttempts = options.InCallRetries,
                Delay = options.InCallDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            });
        }

        pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Sends everything due now; returns what happened. Safe to call as often as wanted.</summary>
    public async Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        int sent = 0, retrying = 0, givenUp = 0;
        var errors = new List<string>();
        var due = await outbox.DueDeliveriesAsync(clock.GetUtcNow(), options.BatchSize, cancellationToken);
        foreach (var unit in Units(due))
        {
            var outcome = await DeliverAsync(unit, cancellationToken);
            switch (outcome)
            {
                case null: sent++; break;
                case { Permanent: true }: givenUp++; errors.Add(outcome.Message); break;
                default: retrying++; errors.Add(outcome.Message); break;
            }
        }

        return new DispatchResult(sent, retrying, givenUp, errors);
    }

    /// <summary>Sends a test message to every channel of one recipient now, outside the outbox; one line per channel.</summary>
    public async Task<IReadOnlyList<(DeliveryTarget Target, string? Error)>> SendTestAsync(Recipient recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var results = new List<(DeliveryTarget, string?)>();
        foreach (var target in recipient.Targets)
        {
            var message = new AlertMessage($"test:{recipient.Id}:{target.Key}:{clock.GetUtcNow().ToUnixTimeSeconds()}", recipient.Id, [], configuration.DashboardUrl, IsTest: true);
            try
            {
                await SendAsync(target, message, cancellationToken);
                results.Add((target, null));
            }
            catch (AlertDeliveryException exception)
            {
                results.Add((target, exception.Message));
            }
        }

        return results;
    }

    private sealed record Unit(string RecipientId, string Channel, string Address, IReadOnlyList<StoredDelivery> Deliveries);

    /// <summary>Due rows as messages: one per row, except a digest recipient's rows per channel, gathered.</summary>
    private IEnumerable<Unit> Units(IReadOnlyList<StoredDelivery> due)
    {
        foreach (var group in due.GroupBy(d => (d.RecipientId, d.Channel, d.Address)))
        {
            var digest = configuration.FindRecipient(group.Key.RecipientId) is { Schedule.Mode: not DigestMode.Immediate };
            if (digest)
            {
                yield return new Unit(group.Key.RecipientId, group.Key.Channel, group.Key.Address, [.. group]);
            }
            else
            {
                foreach (var delivery in group)
                {
                    yield return new Unit(group.Key.RecipientId, group.Key.Channel, group.Key.Address, [delivery]);
                }
            }
        }
    }

    private async Task<AlertDeliveryException?> DeliverAsync(Unit unit, CancellationToken cancellationToken)
    {
        var ids = unit.Deliveries.Select(d => d.Id).ToList();
        var key = unit.Deliveries.Count == 1 ? unit.Deliveries[0].IdempotencyKey : DigestKey(unit);
        var attempt = unit.Deliveries.Max(d => d.Attempts) + 1;
        AlertDeliveryException failure;
        try
        {
            var recipient = configuration.FindRecipient(unit.RecipientId)
                ?? throw new AlertDeliveryException($"recipient '{unit.RecipientId}' is no longer in alerts.yaml", permanent: true);
            var target = recipient.Targets.FirstOrDefault(t => t.Channel == unit.Channel && t.Address == unit.Address)
                ?? throw new AlertDeliveryException($"recipient '{unit.RecipientId}' no longer has the {unit.Channel} channel {unit.Address}", permanent: true);
            var alerts = new List<StoredAlert>();
            foreach (var delivery in unit.Deliveries)
            {
                if (await outbox.GetAlertAsync(delivery.AlertId, cancellationToken) is { } alert)
                {
                    alerts.Add(alert);
                }
            }

            await SendAsync(target, new AlertMessage(key, unit.RecipientId, alerts, configuration.DashboardUrl), cancellationToken);
            await outbox.MarkSentAsync(ids, clock.GetUtcNow(), cancellationToken);
            AlertsLog.Sent(logger, key, unit.RecipientId, unit.Channel, alerts.Count);
            return null;
        }
        catch (AlertDeliveryException exception)
        {
            failure = exception;
        }

        var message = $"{unit.RecipientId} ({unit.Channel} {unit.Address}): {failure.Message}";
        if (failure.Permanent || attempt >= options.MaxAttempts)
        {
            await outbox.MarkFailedAsync(ids, failure.Message, null, cancellationToken);
            AlertsLog.GaveUp(logger, key, unit.RecipientId, unit.Channel, attempt, failure.Message);
            return new AlertDeliveryException(message, permanent: true, failure);
        }

        var retryAt = clock.GetUtcNow() + options.Backoff(attempt);
        await outbox.MarkFailedAsync(ids, failure.Message, retryAt, cancellationToken);
        AlertsLog.WillRetry(logger, key, unit.RecipientId, unit.Channel, attempt, retryAt, failure.Message);
        return new AlertDeliveryException(message, permanent: false, failure);
    }

    private async Task SendAsync(DeliveryTarget target, AlertMessage message, CancellationToken cancellationToken)
    {
        if (!channels.TryGetValue(target.Channel, out var channel))
        {
            throw new AlertDeliveryException($"no {target.Channel} channel is registered", permanent: true);
        }

        try
        {
            await pipeline.ExecuteAsync(async token => await channel.SendAsync(target, message, token), cancellationToken);
        }
        catch (Polly.Timeout.TimeoutRejectedException exception)
        {
            throw new AlertDeliveryException($"{target.Channel} {target.Address} did not answer within {options.AttemptTimeout.TotalSeconds:0} s", permanent: false, exception);
        }
    }

    /// <summary>A digest's key: the same rows gathered again give the same key, so a receiver can drop the repeat.</summary>
    private static string DigestKey(Unit unit)
    {
        var ids = string.Join(',', unit.Deliveries.Select(d => d.IdempotencyKey).Order(StringComparer.Ordinal));
        return $"digest:{unit.RecipientId}:{unit.Channel}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..16]}";
    }
}
