using System.Diagnostics;
using System.Globalization;

namespace Conveyor.Benchmarks.Batch;

/// <summary>A Conveyor.Batch.TestWorker process: started on a hub, stopped by closing its stdin.</summary>
internal sealed class BatchWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BatchWorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "started")
            {
                _started.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"worker {_process.Id}: {e.Data}");
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<BatchWorkerProcess> StartAsync(string connectionString, string hub, string tablePrefix, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Conveyor.Batch.TestWorker.dll"), connectionString, hub, tablePrefix })
        {
            start.ArgumentList.Add(argument);
        }

        var worker = new BatchWorkerProcess(Process.Start(start)!);
        await worker._started.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        return worker;
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
                _process.Kill();
            }
        }

        _process.Dispose();
    }
}
