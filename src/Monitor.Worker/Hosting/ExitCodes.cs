namespace Monitor.Worker.Hosting;

/// <summary>Process exit codes, the same for every subcommand so scripts can rely on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run finished but at least one source failed (each logged with its reason).</summary>
    public const int SourcesFailed = 1;

    public const int InvalidConfiguration = 2;

    /// <summary>The store file cannot be used (damaged, read-only, missing for a report).</summary>
    public const int StoreUnavailable = 3;

    public const int Cancelled = 130;
}
