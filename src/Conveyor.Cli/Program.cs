using Conveyor.Cli.Local;

namespace Conveyor.Cli;

/// <summary>The <c>conveyor</c> entry point.</summary>
internal static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> Main(string[] args)
    {
        // The jobs `conveyor run` can run. SAMPLES: wire them here when src/Conveyor.Samples is merged (add its project reference), e.g.
        // JobCatalog jobs = (registry, context) => registry.AddSampleJobs(new SampleJobsOptions { ConnectionString = context.ConnectionString });
        JobCatalog jobs = static (_, _) => { };
        return await new CliApplication(CliEnvironment.ForConsole(jobs)).InvokeAsync(args);
    }
}
