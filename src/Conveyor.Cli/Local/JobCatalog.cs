using Conveyor.Batch.Jobs;

namespace Conveyor.Cli.Local;

/// <summary>Registers the jobs <c>conveyor run</c> can run in-process; <c>Program</c> chooses it (the samples), tests pass their own.</summary>
/// <param name="registry">The registry to add jobs to.</param>
/// <param name="context">The storage and services of the in-process host.</param>
internal delegate void JobCatalog(JobRegistry registry, JobCatalogContext context);
