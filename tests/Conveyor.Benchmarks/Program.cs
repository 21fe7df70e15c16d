using Conveyor.Benchmarks;
using Conveyor.Local.Azurite;

var groups = typeof(Program).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkSuite).IsAssignableFrom(t))
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .GroupBy(s => s.Group, StringComparer.Ordinal)
    .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

if (args.Length != 1 || !groups.TryGetValue(args[0], out var suites))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/Conveyor.Benchmarks -- <{string.Join('|', groups.Keys.Order())}>");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var options = new AzuriteOptions { DataDirectory = null };
await using var azurite = await AzuriteLauncher.StartAsync(options, cancellationToken: cancellation.Token);
var context = new BenchmarkContext(azurite.ConnectionString, AzuriteLauncher.FindInstallDirectory(options), azurite.ProcessId, Console.Out);
foreach (var suite in suites)
{
    await suite.RunAsync(context, cancellation.Token);
}

return 0;
