namespace Conveyor.Benchmarks;

/// <summary>A set of measurements printed under one group name (<c>storage</c>, <c>durable</c>, <c>batch</c>, <c>http</c>).</summary>
internal interface IBenchmarkSuite
{
    /// <summary>Gets the group this suite runs in.</summary>
    string Group { get; }

    /// <summary>Runs the measurements and reports each through <see cref="BenchmarkContext.Metric"/>.</summary>
    Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
