using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Cli.Local;
using Conveyor.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Cli;

/// <summary>The <c>conveyor</c> entry point.</summary>
internal static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> Main(string[] args)
    {
        // The jobs `conveyor run` can run: the sample jobs. importUsers calls the user service at $CONVEYOR_USER_SERVICE,
        // by default the stand-in that the app serves in Development.
        JobCatalog jobs = static (registry, context) => registry.AddSampleJobs(
            new SampleJobsOptions
            {
                ExternalUserService = { BaseAddress = new Uri(Environment.GetEnvironmentVariable("CONVEYOR_USER_SERVICE") ?? "http://localhost:7071/samples/external-users/") },
            },
            context.Services.GetRequiredService<BlobServiceClient>(),
            context.Services.GetRequiredService<TableServiceClient>());
        return await new CliApplication(CliEnvironment.ForConsole(jobs)).InvokeAsync(args);
    }
}
