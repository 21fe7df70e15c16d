using Conveyor.Cli.Parameters;

namespace Conveyor.Cli.Local;

/// <summary>What <c>conveyor run</c> was asked to do.</summary>
/// <param name="JobName">The job.</param>
/// <param name="Parameters">The parameters from the command line.</param>
/// <param name="File">A file to upload as the job's input, or null.</param>
/// <param name="ConnectionString">The storage connection string.</param>
/// <param name="TaskHubName">The task hub of the in-process worker.</param>
/// <param name="TablePrefix">The prefix of the JobRepository tables.</param>
/// <param name="EmulatorDataDirectory">Where a started Azurite keeps its data.</param>
internal sealed record LocalRunRequest(
    string JobName,
    IReadOnlyList<ParameterSpec> Parameters,
    FileInfo? File,
    string ConnectionString,
    string TaskHubName,
    string TablePrefix,
    string EmulatorDataDirectory);
