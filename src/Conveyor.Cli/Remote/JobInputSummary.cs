namespace Conveyor.Cli.Remote;

/// <summary>Where a job's input files live, as <c>GET /api/jobs</c> shows it.</summary>
internal sealed class JobInputSummary
{
    /// <summary>Gets the blob container.</summary>
    public string? Container { get; init; }

    /// <summary>Gets the blob name prefix.</summary>
    public string? Prefix { get; init; }

    /// <summary>Gets the parameter that receives the blob name.</summary>
    public string? ParameterName { get; init; }

    /// <summary>Gets a value indicating whether an upload starts the job by itself.</summary>
    public bool TriggerOnUpload { get; init; }
}
