using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Hosting;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Cli.Remote;
using Conveyor.Cli.Rendering;
using Conveyor.Local.Azurite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Conveyor.Cli.Local;

/// <summary>
/// Runs a job end to end in this process: Conveyor on a generic host (JobRepository, durable worker, launcher) over the
/// given storage, the input file uploaded first, live progress read from the JobRepository, a summary at the end.
/// </summary>
/// <remarks>
/// The run is as durable as on the app: its state lives in the storage account. Ctrl+C asks the execution to stop at
/// its next checkpoint; running the same job with the same identifying parameters again restarts it from its last
/// committed chunk.
/// </remarks>
/// <param name="environment">The environment (console, job catalog).</param>
internal sealed class LocalJobRunner(CliEnvironment environment)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(8);

    /// <summary>Runs the job and returns the exit code: 0 when it COMPLETED, 1 otherwise.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="cancellationToken">Ctrl+C: asks the execution to stop.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="CliUsageException">Unknown job, missing file, job without input, invalid parameters.</exception>
    public async Task<int> RunAsync(LocalRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "conveyor" });
        builder.Services.AddConveyor(options =>
        {
            options.ConnectionString = request.ConnectionString;
            options.TaskHubName = request.TaskHubName;
            options.TablePrefix = request.TablePrefix;
            options.PartitionCount = 1; // One process: one control queue is enough, and fewer leases to take.
            options.TaskHub = hub => hub.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100); // One job at a time: answer quickly.
        }).AddJobs((registry, services) => environment.Jobs(registry, new JobCatalogContext(request.ConnectionString, services)));
        using var host = builder.Build();

        var job = host.Services.GetRequiredService<JobRegistry>().Find(request.JobName)
            ?? throw new CliUsageException($"no job named '{request.JobName}'", [$"jobs: {Names(host.Services.GetRequiredService<JobRegistry>())}"]);
        var parameters = new JobParameters(request.Parameters.Select(p => KeyValuePair.Create(p.Name, p.ToJobParameter())));
        if (request.File is { } file)
        {
            var input = job.Input ?? throw new CliUsageException($"job '{job.Name}' declares no input files; --file cannot be used with it");
            if (!file.Exists)
            {
                throw new CliUsageException($"file not found: {file.FullName}");
            }

            parameters = parameters.With(input.ParameterName, new JobParameter(input.Prefix + file.Name));
        }

        await using var emulator = await LocalStorageEmulator.StartIfNeededAsync(request.ConnectionString, request.EmulatorDataDirectory, cancellationToken);
        if (emulator is not null)
        {
            await environment.Error.WriteLineAsync($"Started Azurite for development storage (data in {request.EmulatorDataDirectory}).");
        }

        if (request.File is { } upload)
        {
            await UploadAsync(host.Services.GetRequiredService<BlobServiceClient>(), job.Input!, upload, cancellationToken);
        }

        await host.StartAsync(cancellationToken);
        try
        {
            return await RunAsync(host.Services, job, parameters, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static string Names(JobRegistry registry) =>
        registry.Jobs.Count == 0 ? "(none registered)" : string.Join(", ", registry.Jobs.Select(j => j.Name).Order(StringComparer.Ordinal));

    private async Task UploadAsync(BlobServiceClient blobs, JobInput input, FileInfo file, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(input.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(input.Prefix + file.Name);
        await using (var content = file.OpenRead())
        {
            await blob.UploadAsync(content, overwrite: true, cancellationToken: cancellationToken);
        }

        environment.Console.WriteLine($"Uploaded {file.Name} ({file.Length:N0} bytes) to {input.Container}/{blob.Name}.");
    }

    private async Task<int> RunAsync(IServiceProvider services, JobDefinition job, JobParameters parameters, CancellationToken cancellationToken)
    {
        var launcher = services.GetRequiredService<JobLauncher>();
        var repository = services.GetRequiredService<IJobRepository>();
        var client = services.GetRequiredService<DurableTaskClient>();
        JobExecution execution;
        try
        {
            execution = await launcher.RunAsync(job.Name, parameters, cancellationToken);
        }
        catch (JobParametersInvalidException e)
        {
            throw new CliUsageException($"invalid job parameters for '{job.Name}'", e.Problems);
        }

        environment.Console.WriteLine($"Started job {job.Name} execution {execution.ExecutionId}{(execution.RestartOf is { } of ? $" (restart of {of})" : string.Empty)}.");
        var view = new ProgressView(environment.Console);
        ExecutionReport? last;
        try
        {
            last = await view.ShowAsync(PollAsync(repository, client, execution.ExecutionId, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            last = await StopAsync(launcher, repository, client, view, execution.ExecutionId);
        }

        if (last is null)
        {
            return ExitCodes.JobNotCompleted;
        }

        ExecutionRenderer.WriteSummary(environment.Console, last);
        return last.ProcessExitCode;
    }

    // Ctrl+C: ask for a stop at the next checkpoint and follow it for a few seconds, so the run ends STOPPED (restartable).
    private async Task<ExecutionReport?> StopAsync(JobLauncher launcher, IJobRepository repository, DurableTaskClient client, ProgressView view, string executionId)
    {
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await launcher.StopAsync(executionId, grace.Token);
            await environment.Error.WriteLineAsync($"Interrupted: asked execution {executionId} to stop at its next checkpoint; run the job again with the same parameters to restart it.");
            return await view.ShowAsync(PollAsync(repository, client, executionId, grace.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or JobExecutionNotRunningException)
        {
            var execution = await repository.GetJobExecutionAsync(executionId, CancellationToken.None);
            return execution is null ? null : LocalExecutionReport.From(execution, await repository.GetStepExecutionsAsync(executionId, CancellationToken.None));
        }
    }

    private async IAsyncEnumerable<ExecutionReport> PollAsync(
        IJobRepository repository, DurableTaskClient client, string executionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var execution = await repository.GetJobExecutionAsync(executionId, cancellationToken)
                ?? throw new InvalidOperationException($"Job execution '{executionId}' vanished from the JobRepository.");
            if (execution.IsRunning && await client.GetInstanceAsync(executionId, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: true } orchestration)
            {
                // The orchestration's last activity may have completed the execution just now: read it again before calling it lost.
                execution = await repository.GetJobExecutionAsync(executionId, cancellationToken) ?? execution;
                if (execution.IsRunning)
                {
                    execution.Status = BatchStatus.Failed;
                    execution.Failures.Add($"its orchestration ended {orchestration.RuntimeStatus}: {orchestration.FailureDetails?.ErrorMessage}");
                }
            }

            var report = LocalExecutionReport.From(execution, await repository.GetStepExecutionsAsync(executionId, cancellationToken));
            yield return report;
            if (!report.IsRunning)
            {
                yield break;
            }

            await Task.Delay(environment.LocalPollInterval, cancellationToken);
        }
    }
}
