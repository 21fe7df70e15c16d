using Conveyor.Testing;

namespace Conveyor.Functions.Tests.Contract;

/// <summary>Both hosts of the API, with the same jobs, each on its own task hub and tables in the shared Azurite.</summary>
public sealed class ApiHostsFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServerApiHost? _server;
    private FunctionsApiHost? _functions;

    /// <summary>Gets the container the CSV job reads its uploads from (the same in both hosts).</summary>
    public string InputContainer { get; } = AzuriteFixture.UniqueName("input");

    /// <summary>Gets the jobs both hosts run.</summary>
    internal ContractJobs Jobs { get; private set; } = null!;

    /// <summary>Gets both hosts: the server first.</summary>
    public IReadOnlyList<IApiHost> Hosts => [_server!, _functions!];

    /// <summary>Gets the Functions host.</summary>
    internal FunctionsApiHost Functions => _functions!;

    public async ValueTask InitializeAsync()
    {
        var jobs = Jobs = new ContractJobs(InputContainer);
        _server = new ServerApiHost(azurite, jobs);
        _ = _server.Server;
        _functions = await FunctionsApiHost.StartAsync(azurite, jobs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_functions is not null)
        {
            await _functions.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
