namespace Conveyor.Durable.Worker;

/// <summary>How a worker process shares a task hub with others: concurrency, leases, polling, poison handling.</summary>
/// <remarks>Every default is documented on its property; <see cref="Validate"/> reports all invalid settings at once.</remarks>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>
    /// Gets or sets how many work items run at once in this process. Default 16. A work item is one activity when its
    /// episode scheduled up to 16 (so this bounds long activities, such as the partitions of a batch step, and what one
    /// worker cannot start waits for another), or up to 16 activities of a larger fan-out, which run side by side.
    /// </summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>
    /// Gets or sets whether work items that this process's orchestrations schedule run in this process when it has a
    /// free activity slot, their results going straight to the orchestration instead of through the queues. Default
    /// true.
    /// </summary>
    /// <remarks>
    /// The work item is still sent first (invisible, and deleted once the result is recorded), so if the process dies
    /// the activity runs again elsewhere: activities stay at-least-once. Turn it off to spread every activity over
    /// all workers through the work-item queue.
    /// </remarks>
    public bool RunActivitiesLocally { get; set; } = true;

    /// <summary>Gets or sets how many orchestration episodes run at once in this process. Default 16.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 16;

    /// <summary>Gets or sets how long a partition lease lasts without renewal (15–60 s). Default 30 s: a dead owner's partitions are taken over within this period.</summary>
    public TimeSpan LeasePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often owned leases are renewed and balance is checked. Default 5 s; must be under a third of <see cref="LeasePeriod"/>.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long a received control message stays invisible while its episode runs. Default 30 s.</summary>
    public TimeSpan ControlMessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a received work item stays invisible; it is renewed at half this period while the activity runs. Default 30 s.</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest wait between polls of an idle queue. Default 1 s.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets after how many deliveries a message that keeps failing is set aside (and its instance failed). Default 5.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Gets or sets an identifier of this worker (in leases and logs). Default: machine name, process id and a random suffix.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Throws one <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (MaxConcurrentActivities < 1)
        {
            errors.Add($"MaxConcurrentActivities must be at least 1 (was {MaxConcurrentActivities}).");
        }

        if (MaxConcurrentOrchestrations < 1)
        {
            errors.Add($"MaxConcurrentOrchestrations must be at least 1 (was {MaxConcurrentOrchestrations}).");
        }

        if (LeasePeriod < TimeSpan.FromSeconds(15) || LeasePeriod > TimeSpan.FromSeconds(60))
        {
            errors.Add($"LeasePeriod must be between 15 and 60 seconds (was {LeasePeriod}).");
        }

        if (LeaseRenewInterval <= TimeSpan.Zero || LeaseRenewInterval * 3 > LeasePeriod)
        {
            errors.Add($"LeaseRenewInterval must be positive and at most a third of LeasePeriod (was {LeaseRenewInterval}).");
        }

        if (ControlMessageVisibilityTimeout < TimeSpan.FromSeconds(5) || WorkItemVisibilityTimeout < TimeSpan.FromSeconds(5))
        {
            errors.Add("Message visibility timeouts must be at least 5 seconds.");
        }

        if (MaxPollingInterval <= TimeSpan.Zero)
        {
            errors.Add("MaxPollingInterval must be positive.");
        }

        if (MaxDequeueCount < 1)
        {
            errors.Add($"MaxDequeueCount must be at least 1 (was {MaxDequeueCount}).");
        }

        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            errors.Add("WorkerId is required.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid worker options: " + string.Join(" ", errors));
        }
    }
}
