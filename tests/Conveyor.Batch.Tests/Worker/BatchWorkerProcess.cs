using System.Diagnostics;
using System.Globalization;

namespace Conveyor.Batch.Tests.Worker;

/// <summary>
/// A Conveyor.Batch.TestWorker process: started, then killed with SIGKILL (the crash case) or stopped gracefully by
/// closing its stdin. The crash tests and the batch benchmark (which links this file) use it.
/// </summary>
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

    /// <summary>Starts a worker for the crash tests (4 hub partitions, a 240 s budget, a checkpoint after every chunk) and waits until it runs.</summary>
    /// <param name="connectionString">The storage account.</param>
    /// <param name="taskHub">The task hub (4 partitions).</param>
    /// <param name="repositoryPrefix">The job repository's table prefix.</param>
    /// <param name="jobName">The name the worker registers the transform job under.</param>
    /// <param name="chunkSize">Records per chunk.</param>
    public static Task<BatchWorkerProcess> StartAsync(string connectionString, string taskHub, string repositoryPrefix, string jobName, int chunkSize) =>
        StartAsync(
            [
                connectionString, taskHub, repositoryPrefix, jobName, chunkSize.ToString(CultureInfo.InvariantCulture), "4", "240",

                // A checkpoint after every chunk: commits come often enough that a kill lands between two of them, mid-step.
                "0",
            ],
            CancellationToken.None);

    /// <summary>Starts a worker with the given arguments (see its usage line) and waits until it runs, at most a minute.</summary>
    public static async Task<BatchWorkerProcess> StartAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Conveyor.Batch.TestWorker.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var worker = new BatchWorkerProcess(Process.Start(start)!);
        try
        {
            await worker._started.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
        catch (TimeoutException)
        {
            worker.Kill();
            throw new InvalidOperationException($"The worker process did not start within a minute: {await worker._stderr}");
        }

        return worker;
    }

    /// <summary>Gets a value indicating whether the process has ended (killed, or killed itself).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process with SIGKILL and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Returns the CPU time the process has used so far, in seconds.</summary>
    public double CpuSeconds()
    {
        _process.Refresh();
        return _process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Returns the process's peak resident set (VmHWM) in MB, or NaN where /proc is not available.</summary>
    public double PeakWorkingSetMegabytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return double.NaN;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Stops a running worker gracefully (it releases its partition leases for the next one), killing it after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        await _stdout;
        await _stderr;
        _process.Dispose();
    }
}
