namespace Monitor.Replay.Websites.Content;

/// <summary>What makes one replayed station's news local: its province, places and reporters.</summary>
internal sealed record StationVoice(
    string Province,
    IReadOnlyList<string> Places,
    IReadOnlyList<string> Reporters,
    ulong Seed);
