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
        // The jobs `conveyor run` can run. SAMPLES: when src/Conveyor.Samples is merged, add its ProjectReference to Conveyor.Cli.csproj,
        // `using Conveyor.Samples;`, and replace the next line with (the samples refuse options without the user service's address):
        // JobCatalog jobs = (registry, context) => registry.AddSampleJobs(new SampleJobsOptions { ConnectionString = context.ConnectionString, ExternalUserService = { BaseAddress = new Uri(Environment.GetEnvironmentVariable("CONVEYOR_USER_SERVICE") ?? "http://localhost:5080") } });
        JobCatalog jobs = static (_, _) => { };
        return await new CliApplication(CliEnvironment.ForConsole(jobs)).InvokeAsync(args);
    }
}
