namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Exponential backoff with "equal jitter" (half fixed, half random) so many workers retrying
/// after the same 429 do not come back in step. Waits on the injected clock, so tests move a fake
/// clock instead of sleeping.
/// </summary>
internal sealed class RetryBackoff(ElasticsearchOptions options, TimeProvider clock, Random random)
{
    private static readonly TimeSpan RetryAfterCap = TimeSpan.FromMinutes(5);

    public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = TimeSpan.FromTicks((long)Math.Min(options.MaxBackoff.Ticks, options.InitialBackoff.Ticks * Math.Pow(2, exponent)));
        TimeSpan jittered;
        lock (random)
        {
            jittered = (ceiling / 2) + (ceiling / 2 * random.NextDouble());
        }

        // The server knows best when it will have room again; honour it, within reason.
        return retryAfter is { } after && after > jittered ? (after < RetryAfterCap ? after : RetryAfterCap) : jittered;
    }

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
        Task.Delay(delay, clock, cancellationToken);
}
