using System.Runtime.CompilerServices;
using Monitor.Collection;
using Monitor.Domain;

namespace Monitor.Tests.Support;

/// <summary>
/// A collector double that yields <see cref="ItemsPerRun"/> articles per run and can then block
/// until cancelled, so tests can see a scheduled run start and a shutdown cancel it.
/// </summary>
public sealed class ScriptedCollector(TimeProvider clock) : IChannelCollector
{
    private int runs;

    public int ItemsPerRun { get; init; } = 2;

    public bool BlockAfterItems { get; init; }

    public int Runs => Volatile.Read(ref runs);

    public TaskCompletionSource FirstRunStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Blocking { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool CanCollect(Channel channel) => true;

    public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Interlocked.Increment(ref runs);
        FirstRunStarted.TrySetResult();
        for (var i = 1; i <= ItemsPerRun; i++)
        {
            var url = $"https://example.vn/{channel.Id}/{i}";
            yield return new CollectedItem(new Item(Item.WebId(url), channel.StationId, channel.Id, Platform.Web, ItemKind.Article, url, $"Bài {i}", null, null, null, null, clock.GetUtcNow()), [], []);
        }

        if (BlockAfterItems)
        {
            Blocking.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
    }
}
