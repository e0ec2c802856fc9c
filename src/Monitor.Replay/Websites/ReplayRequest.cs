namespace Monitor.Replay.Websites;

/// <summary>One request a replayed site answered: which site, which path (with query), which status.</summary>
internal sealed record ReplayRequest(string Host, string PathAndQuery, int StatusCode);
