namespace Conveyor.Batch.Jobs;

/// <summary>The jobs an app can run, by name (case-insensitive).</summary>
public sealed class JobRegistry
{
    private readonly Dictionary<string, JobDefinition> _jobs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the registered jobs.</summary>
    public IReadOnlyCollection<JobDefinition> Jobs => _jobs.Values;

    /// <summary>Registers a job.</summary>
    /// <param name="job">The job.</param>
    /// <returns>This registry.</returns>
    public JobRegistry Add(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_jobs.TryAdd(job.Name, job))
        {
            throw new ArgumentException($"A job named '{job.Name}' is already registered.", nameof(job));
        }

        return this;
    }

    /// <summary>Returns a job by name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The job.</returns>
    /// <exception cref="NoSuchJobException">No job has that name.</exception>
    public JobDefinition Get(string name) => _jobs.TryGetValue(name, out var job) ? job : throw new NoSuchJobException(name);

    /// <summary>Returns a job by name, or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The job, or null.</returns>
    public JobDefinition? Find(string name) => _jobs.GetValueOrDefault(name);
}
