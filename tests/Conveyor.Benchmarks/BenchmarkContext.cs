using System.Diagnostics;
using System.Globalization;

namespace Conveyor.Benchmarks;

/// <summary>What a suite gets: the storage it measures against and the place to report figures.</summary>
internal sealed class BenchmarkContext
{
    private readonly TextWriter _output;

    private readonly Process _emulator;

    public BenchmarkContext(string connectionString, string nodeToolsDirectory, int emulatorProcessId, TextWriter output)
    {
        _output = output;
        _emulator = Process.GetProcessById(emulatorProcessId);
        ConnectionString = connectionString;
        NodeToolsDirectory = nodeToolsDirectory;
    }

    /// <summary>Gets the connection string of the Azurite started for this run.</summary>
    public string ConnectionString { get; }

    /// <summary>Gets the folder with the npm manifest (Azurite and the official JS SDKs).</summary>
    public string NodeToolsDirectory { get; }

    /// <summary>Returns the CPU time the emulator's process has used so far, in seconds: the share of a run the
    /// emulator spent (single-threaded Node.js) bounds what parallelism can gain on this machine.</summary>
    public double EmulatorCpuSeconds()
    {
        _emulator.Refresh();
        return _emulator.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Prints one figure as <c>metric name value unit</c>.</summary>
    public void Metric(string name, double value, string unit) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"metric {name} {value:0.###} {unit}"));
}
