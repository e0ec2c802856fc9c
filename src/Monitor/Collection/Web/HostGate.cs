using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Monitor.Collection.Web;

/// <summary>
/// Per-host politeness: at most N requests in flight to one host, and request starts spaced by the
/// host's delay. Waits go through the injected <see cref="TimeProvider"/>, so tests move a fake clock
/// instead of sleeping. Shared by every channel, so two channels on one host share its budget.
/// </summary>
internal sealed class HostGate(TimeProvider time, IOptions<WebCollectionOptions> options)
{
    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(Uri url, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var state = _hosts.GetOrAdd(url.Authority, _ => new HostState(options.Value.MaxConcurrentPerHost));
        await state.Slots.WaitAsync(cancellationToken);
        try
        {
            TimeSpan wait;
            lock (state)
            {
                var now = time.GetUtcNow();
                var start = state.NextStart > now ? state.NextStart : now;
                state.NextStart = start + delay;
                wait = start - now;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        catch
        {
            state.Slots.Release();
            throw;
        }

        return new Lease(state.Slots);
    }

    private sealed class HostState(int slots)
    {
        public SemaphoreSlim Slots { get; } = new(slots, slots);

        public DateTimeOffset NextStart { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
