namespace Conveyor.Cli.Local;

/// <summary>What a <see cref="JobCatalog"/> may use to build its jobs.</summary>
/// <param name="ConnectionString">The storage connection string the run uses (for the jobs' input and output).</param>
/// <param name="Services">The in-process host's services.</param>
internal sealed record JobCatalogContext(string ConnectionString, IServiceProvider Services);
