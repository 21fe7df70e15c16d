namespace Conveyor.Api.Uploads;

/// <summary>How the blob-upload trigger polls (configuration section <c>Conveyor:BlobTrigger</c>).</summary>
public sealed class BlobTriggerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Conveyor:BlobTrigger";

    /// <summary>Gets or sets a value indicating whether this process polls the input containers of jobs that trigger on upload. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the pause between two scans. Default 5 seconds.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long a claim on a blob version protects a start in progress; after it, another poller
    /// re-checks the JobInstance and finishes (or does) the start. Default 1 minute.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the listing page size. Default 1000 (the service's maximum).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Throws when a setting is out of range, naming every problem.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (PollingInterval <= TimeSpan.Zero)
        {
            errors.Add($"PollingInterval must be positive (was {PollingInterval})");
        }

        if (ClaimTimeout <= TimeSpan.Zero)
        {
            errors.Add($"ClaimTimeout must be positive (was {ClaimTimeout})");
        }

        if (PageSize is < 1 or > 5000)
        {
            errors.Add($"PageSize must be 1 to 5000 (was {PageSize})");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{Section} options are invalid: {string.Join("; ", errors)}.");
        }
    }
}
