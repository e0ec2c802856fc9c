using Monitor.Configuration;

namespace Monitor.Worker.Web;

/// <summary>
/// What the dashboard is started with: the configuration (stations, store kind, <c>web:</c>
/// settings), the SQLite file that holds the collectors' state and follower counts (the store
/// itself under the default setup), and the address to listen on (port 0: any free port).
/// </summary>
public sealed record WebDashboardOptions(PipelineConfiguration Pipelines, string StateFilePath, Uri Listen)
{
    /// <summary>The accounts file; default: beside the state file (<c>data/monitor-users.db</c>).</summary>
    public string? UsersPath { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string ResolvedUsersPath => UsersPath ?? Accounts.UserStore.PathFor(StateFilePath);
}
