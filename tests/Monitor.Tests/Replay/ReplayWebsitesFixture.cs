using Monitor.Replay.Websites;

namespace Monitor.Tests.Replay;

/// <summary>One set of replay sites shared by a test class: starting six Kestrel servers per test would be slow.</summary>
public sealed class ReplayWebsitesFixture : IAsyncLifetime
{
    private ReplayWebsites? _websites;

    public ReplayWebsites Websites => _websites ?? throw new InvalidOperationException("The replay sites have not started.");

    public async Task InitializeAsync() => _websites = await ReplayWebsites.StartAsync();

    public async Task DisposeAsync()
    {
        if (_websites is not null)
        {
            await _websites.DisposeAsync();
        }
    }
}
