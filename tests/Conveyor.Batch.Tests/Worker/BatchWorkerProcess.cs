using System.Diagnostics;
using System.Globalization;

namespace Conveyor.Batch.Tests.Worker;

/// <summary>A Conveyor.Batch.TestWorker process: started, then killed with SIGKILL or stopped by closing its stdin.</summary>
internal sealed class BatchWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private BatchWorkerProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "started")
                {
                    _started.TrySetResult();
                }
            }
        });
    }

    /// <summary>Starts a worker and waits until it runs.</summary>
    /// <param name="connectionString">The storage account.</param>
    /// <param name="taskHub">The task hub (4 partitions).</param>
    /// <param name="repositoryPrefix">The job repository's table prefix.</param>
    /// <param name="jobName">The name the worker registers the transform job under.</param>
    /// <param name="chunkSize">Records per chunk.</param>
    public static async Task<BatchWorkerProcess> StartAsync(string connectionString, string taskHub, string repositoryPrefix, string jobName, int chunkSize)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Conveyor.Batch.TestWorker.dll"), connectionString, taskHub, repositoryPrefix, jobName,
            chunkSize.ToString(CultureInfo.InvariantCulture), "4", "240",

            // A checkpoint after every chunk: commits come often enough that a kill lands between two of them, mid-step.
            "0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var worker = new BatchWorkerProcess(Process.Start(start)!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await worker._started.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            worker.Kill();
            throw new InvalidOperationException($"The worker process did not start within a minute: {await worker._stderr}");
        }

        return worker;
    }

    /// <summary>Kills the process with SIGKILL and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _stdout;
        await _stderr;
        _process.Dispose();
    }
}
