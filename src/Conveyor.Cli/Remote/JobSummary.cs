namespace Conveyor.Cli.Remote;

/// <summary>A job the app can run, as <c>GET /api/jobs</c> lists it.</summary>
internal sealed class JobSummary
{
    /// <summary>Gets the job name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the step names, first one first.</summary>
    public List<string> Steps { get; init => field = value ?? []; } = [];

    /// <summary>Gets the parameters every start must give.</summary>
    public List<string> RequiredParameters { get; init => field = value ?? []; } = [];

    /// <summary>Gets the parameters a start may give (empty: any).</summary>
    public List<string> OptionalParameters { get; init => field = value ?? []; } = [];

    /// <summary>Gets where the job's input files live, if it declares them.</summary>
    public JobInputSummary? Input { get; init; }

    /// <summary>Gets a value indicating whether a failed or stopped execution may be restarted.</summary>
    public bool Restartable { get; init; }
}
