using Monitor.Domain;
using Monitor.Storage;

namespace Monitor.Reporting;

/// <summary>What the reports read: stored items and observations, plus follower counts where collected.</summary>
public sealed record ReportData(IReadOnlyList<Item> Items, ILookup<string, Observation> Observations, IReadOnlyList<FollowerCount> Followers)
{
    /// <summary>Reads everything through the store's read methods (reports are offline and small enough for memory).</summary>
    public static async Task<ReportData> ReadAsync(IContentStore store, IReadOnlyList<FollowerCount> followers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        await foreach (var item in store.ReadItemsAsync(cancellationToken))
        {
            // A store that keeps versions may return an item more than once; the last version wins.
            items[item.Id] = item;
        }

        var observations = new List<Observation>();
        await foreach (var observation in store.ReadObservationsAsync(cancellationToken))
        {
            observations.Add(observation);
        }

        return new ReportData([.. items.Values], observations.ToLookup(o => o.ItemId, StringComparer.Ordinal), followers);
    }

    public Observation? Latest(string itemId) => Observations[itemId].MaxBy(o => o.ObservedAt);
}
