namespace Conveyor.Cli.Remote;

/// <summary>The batch status names as the API writes them.</summary>
internal static class BatchStatuses
{
    /// <summary>The statuses <c>--status</c> accepts.</summary>
    public static readonly string[] All = ["STARTING", "STARTED", "STOPPING", "STOPPED", "COMPLETED", "FAILED", "ABANDONED", "UNKNOWN"];

    /// <summary>Returns whether a status is an active one (STARTING, STARTED, STOPPING).</summary>
    /// <param name="status">The status.</param>
    /// <returns>Whether it is active.</returns>
    public static bool IsRunning(string? status) =>
        status is not null && (status.Equals("STARTING", StringComparison.OrdinalIgnoreCase)
            || status.Equals("STARTED", StringComparison.OrdinalIgnoreCase)
            || status.Equals("STOPPING", StringComparison.OrdinalIgnoreCase));
}
