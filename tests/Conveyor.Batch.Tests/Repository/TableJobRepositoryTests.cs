using Azure.Data.Tables;
using Conveyor.Batch.Core;
using Conveyor.Batch.Repository;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Repository;

public sealed partial class TableJobRepositoryTests(AzuriteFixture azurite)
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
    private string _prefix = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateJobExecutionAsync_NewInstance_CreatesInstanceAndStartingExecution()
    {
        var repository = await NewRepositoryAsync();
        var parameters = new JobParameters(new Dictionary<string, JobParameter>
        {
            ["file"] = new("users.csv"),
            ["count"] = new(42L),
            ["ratio"] = new(0.5),
            ["date"] = new(new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.Zero)),
            ["run"] = new("r1", Identifying: false),
        });

        var (instance, execution) = await repository.CreateJobExecutionAsync("importUsers", parameters, "exec-1", cancellationToken: Ct);

        instance.InstanceId.ShouldBe(JobInstance.IdOf("importUsers", parameters));
        instance.JobName.ShouldBe("importUsers");
        instance.CreatedAt.ShouldBe(_clock.GetUtcNow());
        execution.Status.ShouldBe(BatchStatus.Starting);
        execution.RestartOf.ShouldBeNull();
        execution.Version.ShouldNotBeNullOrEmpty();
        var stored = await repository.GetJobExecutionAsync("exec-1", Ct);
        stored.ShouldNotBeNull();
        stored.InstanceId.ShouldBe(instance.InstanceId);
        stored.Status.ShouldBe(BatchStatus.Starting);
        stored.CreatedAt.ShouldBe(_clock.GetUtcNow());
        stored.Version.ShouldBe(execution.Version);
        stored.Parameters.Values.Count.ShouldBe(5);
        stored.Parameters.Values["count"].ShouldBe(new JobParameter(42L));
        stored.Parameters.Values["ratio"].ShouldBe(new JobParameter(0.5));
        stored.Parameters.Values["date"].ShouldBe(new JobParameter(new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.Zero)));
        stored.Parameters.Values["run"].ShouldBe(new JobParameter("r1", Identifying: false));
        stored.Parameters.ToIdentityKey().ShouldBe(parameters.ToIdentityKey());
        (await repository.GetJobInstanceAsync(instance.InstanceId, Ct)).ShouldBe(instance);
        (await repository.GetJobNamesAsync(Ct)).ShouldBe(["importUsers"]);
        (await ToListAsync(repository.GetJobInstancesAsync("importUsers", Ct))).ShouldBe([instance]);
        (await repository.GetJobExecutionAsync("missing", Ct)).ShouldBeNull();
        (await repository.GetJobInstanceAsync("importUsers-missing", Ct)).ShouldBeNull();
    }

    [Theory]
    [InlineData(BatchStatus.Starting)]
    [InlineData(BatchStatus.Started)]
    [InlineData(BatchStatus.Stopping)]
    public async Task CreateJobExecutionAsync_LastExecutionRunning_ThrowsAlreadyRunning(BatchStatus status)
    {
        var repository = await NewRepositoryAsync();
        await StartAndEndAsync(repository, "e1", status);

        var error = await Should.ThrowAsync<JobExecutionAlreadyRunningException>(() => CreateAsync(repository, "e2"));

        error.Message.ShouldContain("e1");
        (await repository.GetJobExecutionAsync("e2", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateJobExecutionAsync_LastExecutionCompleted_ThrowsAlreadyComplete()
    {
        var repository = await NewRepositoryAsync();
        await StartAndEndAsync(repository, "e1", BatchStatus.Completed);

        await Should.ThrowAsync<JobInstanceAlreadyCompleteException>(() => CreateAsync(repository, "e2"));

        (await repository.GetJobExecutionAsync("e2", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateJobExecutionAsync_CompletedAndAllowStartIfComplete_CreatesFreshExecution()
    {
        var repository = await NewRepositoryAsync();
        var first = await StartAndEndAsync(repository, "e1", BatchStatus.Completed);

        var (_, second) = await CreateAsync(repository, "e2", allowStartIfComplete: true);

        second.InstanceId.ShouldBe(first.InstanceId);
        second.RestartOf.ShouldBeNull();
        second.Status.ShouldBe(BatchStatus.Starting);
    }

    [Theory]
    [InlineData(BatchStatus.Failed)]
    [InlineData(BatchStatus.Stopped)]
    public async Task CreateJobExecutionAsync_LastFailedOrStoppedAndNotRestartable_ThrowsRestart(BatchStatus status)
    {
        var repository = await NewRepositoryAsync();
        await StartAndEndAsync(repository, "e1", status);

        await Should.ThrowAsync<JobRestartException>(() => CreateAsync(repository, "e2", restartable: false));
    }

    [Theory]
    [InlineData(BatchStatus.Abandoned)]
    [InlineData(BatchStatus.Unknown)]
    public async Task CreateJobExecutionAsync_LastAbandonedOrUnknown_ThrowsRestart(BatchStatus status)
    {
        var repository = await NewRepositoryAsync();
        await StartAndEndAsync(repository, "e1", status);

        await Should.ThrowAsync<JobRestartException>(() => CreateAsync(repository, "e2"));
    }

    [Theory]
    [InlineData(BatchStatus.Failed)]
    [InlineData(BatchStatus.Stopped)]
    public async Task CreateJobExecutionAsync_LastFailedOrStopped_RestartOfNamesIt(BatchStatus status)
    {
        var repository = await NewRepositoryAsync();
        var first = await StartAndEndAsync(repository, "e1", status);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (instance, second) = await CreateAsync(repository, "e2");

        second.RestartOf.ShouldBe("e1");
        (await repository.GetJobExecutionAsync("e2", Ct))!.RestartOf.ShouldBe("e1");
        instance.InstanceId.ShouldBe(first.InstanceId);
        (await repository.GetJobExecutionsAsync(first.InstanceId, Ct)).Select(e => e.ExecutionId).ShouldBe(["e2", "e1"]);
    }

    [Fact]
    public async Task CreateJobExecutionAsync_EightConcurrentCalls_ExactlyOneSucceeds()
    {
        var repository = await NewRepositoryAsync();
        await StartAndEndAsync(repository, "r0", BatchStatus.Failed);
        var previous = "r0";

        // Several rounds, each after the last winner failed, so a race that lets two calls through is very likely to show.
        for (var round = 1; round <= 4; round++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            var attempts = Enumerable.Range(1, 8).Select(async i =>
            {
                try
                {
                    return (await CreateAsync(repository, $"r{round}e{i}")).Execution;
                }
                catch (JobExecutionAlreadyRunningException)
                {
                    return null;
                }
            }).ToList();
            var outcomes = await Task.WhenAll(attempts);

            var winners = outcomes.OfType<JobExecution>().ToList();
            winners.Count.ShouldBe(1, $"round {round}");
            winners[0].RestartOf.ShouldBe(previous);
            var executions = await repository.GetJobExecutionsAsync(JobInstance.IdOf("job", Parameters()), Ct);
            executions.Count.ShouldBe(round + 1);
            executions[0].ExecutionId.ShouldBe(winners[0].ExecutionId);
            winners[0].Status = BatchStatus.Failed;
            await repository.UpdateJobExecutionAsync(winners[0], Ct);
            previous = winners[0].ExecutionId;
        }
    }

    [Fact]
    public async Task CreateJobExecutionAsync_SameExecutionIdAgain_ReturnsTheSameExecution()
    {
        var repository = await NewRepositoryAsync();
        var (_, first) = await CreateAsync(repository, "e1");

        var (_, again) = await CreateAsync(repository, "e1");

        again.ExecutionId.ShouldBe("e1");
        again.Version.ShouldBe(first.Version);
        await Should.ThrowAsync<ArgumentException>(() => repository.CreateJobExecutionAsync("otherJob", Parameters(), "e1", cancellationToken: Ct));
    }

    [Fact]
    public async Task CreateJobExecutionAsync_ClaimWithoutExecutionRow_RunningUntilGraceThenRepaired()
    {
        var repository = await NewRepositoryAsync();
        var first = await StartAndEndAsync(repository, "e1", BatchStatus.Failed);
        var instances = new TableClient(azurite.ConnectionString, _prefix + "JobInstances");
        var row = await instances.GetEntityAsync<TableEntity>("job", first.InstanceId, cancellationToken: Ct);
        row.Value["LastExecutionId"] = "ghost";
        row.Value["PreviousExecutionId"] = "e1";
        row.Value["PendingRestartOf"] = "e1";
        row.Value["ClaimedAt"] = _clock.GetUtcNow();
        await instances.UpdateEntityAsync(row.Value, row.Value.ETag, TableUpdateMode.Replace, Ct);

        await Should.ThrowAsync<JobExecutionAlreadyRunningException>(() => CreateAsync(repository, "e2"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var (_, repaired) = await CreateAsync(repository, "e3");

        repaired.RestartOf.ShouldBe("e1");
        var ghost = await repository.GetJobExecutionAsync("ghost", Ct);
        ghost.ShouldNotBeNull();
        ghost.Status.ShouldBe(BatchStatus.Failed);
        ghost.InstanceId.ShouldBe(first.InstanceId);
    }

    [Fact]
    public async Task UpdateJobExecutionAsync_StaleVersion_ThrowsConcurrency()
    {
        var repository = await NewRepositoryAsync();
        var (_, execution) = await CreateAsync(repository, "e1");
        var stale = (await repository.GetJobExecutionAsync("e1", Ct))!;
        execution.Status = BatchStatus.Started;
        execution.Failures.Add("first");
        await repository.UpdateJobExecutionAsync(execution, Ct);

        stale.Status = BatchStatus.Completed;
        await Should.ThrowAsync<JobRepositoryConcurrencyException>(() => repository.UpdateJobExecutionAsync(stale, Ct));

        var stored = (await repository.GetJobExecutionAsync("e1", Ct))!;
        stored.Status.ShouldBe(BatchStatus.Started);
        stored.Failures.ShouldBe(["first"]);
        stored.Version.ShouldBe(execution.Version);
        stored.Version.ShouldNotBe(stale.Version);
    }

    [Fact]
    public async Task UpdateJobExecutionAsync_AllFields_RoundTrip()
    {
        var repository = await NewRepositoryAsync();
        var (_, execution) = await CreateAsync(repository, "e1");
        execution.Status = BatchStatus.Failed;
        execution.ExitStatus = ExitStatus.Failed.AddExitDescription(new string('x', 40_000));
        execution.StartedAt = _clock.GetUtcNow().AddSeconds(1);
        execution.EndedAt = _clock.GetUtcNow().AddSeconds(2);
        execution.LastUpdatedAt = _clock.GetUtcNow().AddSeconds(3);
        execution.Failures.Add("boom 'quoted' \"double\"");

        await repository.UpdateJobExecutionAsync(execution, Ct);

        var stored = (await repository.GetJobExecutionAsync("e1", Ct))!;
        stored.ExitStatus.ShouldBe(execution.ExitStatus);
        stored.StartedAt.ShouldBe(execution.StartedAt);
        stored.EndedAt.ShouldBe(execution.EndedAt);
        stored.LastUpdatedAt.ShouldBe(execution.LastUpdatedAt);
        stored.Failures.ShouldBe(execution.Failures);
    }

    private async Task<TableJobRepository> NewRepositoryAsync()
    {
        _prefix = AzuriteFixture.UniqueName("r");
        var repository = new TableJobRepository(new TableServiceClient(azurite.ConnectionString), _prefix, _clock);
        await repository.CreateIfNotExistsAsync(cancellationToken: Ct);
        return repository;
    }

    private static JobParameters Parameters(string file = "users.csv") =>
        new(new Dictionary<string, JobParameter> { ["file"] = new(file) });

    private static Task<(JobInstance Instance, JobExecution Execution)> CreateAsync(
        TableJobRepository repository, string executionId, bool restartable = true, bool allowStartIfComplete = false) =>
        repository.CreateJobExecutionAsync("job", Parameters(), executionId, restartable, allowStartIfComplete, Ct);

    private static async Task<JobExecution> StartAndEndAsync(TableJobRepository repository, string executionId, BatchStatus status)
    {
        var (_, execution) = await CreateAsync(repository, executionId);
        execution.Status = status;
        await repository.UpdateJobExecutionAsync(execution, Ct);
        return execution;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
