using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.DurableTask.AzureStorage.Tests.Worker;

public sealed class ActivityInjectionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ClassActivity_ConstructorInjected_GetsAFreshScopeEachRunThatIsDisposedAfterIt()
    {
        var ledger = new Ledger();
        await using var host = await AzureStorageTestHost.StartAsync(
            azurite,
            r => r.AddActivity<RecordActivity>().AddOrchestratorFunc<int, int>("Record", async (ctx, n) =>
            {
                var total = 0;
                for (var i = 0; i < n; i++)
                {
                    total += await ctx.CallActivityAsync<int>(nameof(RecordActivity), i);
                }

                return total;
            }),
            services: s => s.AddSingleton(ledger).AddScoped<UnitOfWork>());

        var result = await host.RunAsync("Record", 3);

        result.ReadOutputAs<int>().ShouldBe(3);
        ledger.Entries.Order().ShouldBe(["0", "1", "2"]);
        ledger.Scopes.Distinct().Count().ShouldBe(3);
        ledger.Disposed.Order().ShouldBe(ledger.Scopes.Order());
    }

    internal sealed class Ledger
    {
        public List<string> Entries { get; } = [];

        public List<Guid> Scopes { get; } = [];

        public List<Guid> Disposed { get; } = [];
    }

    internal sealed class UnitOfWork(Ledger ledger) : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public void Dispose()
        {
            lock (ledger)
            {
                ledger.Disposed.Add(Id);
            }
        }
    }

    internal sealed class RecordActivity(Ledger ledger, UnitOfWork unitOfWork) : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input)
        {
            lock (ledger)
            {
                ledger.Entries.Add(input.ToString(System.Globalization.CultureInfo.InvariantCulture));
                ledger.Scopes.Add(unitOfWork.Id);
            }

            return Task.FromResult(1);
        }
    }
}
