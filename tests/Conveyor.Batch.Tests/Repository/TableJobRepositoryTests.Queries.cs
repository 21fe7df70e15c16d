using Azure;
using Conveyor.Batch.Core;
using Conveyor.Batch.Repository;

namespace Conveyor.Batch.Tests.Repository;

public sealed partial class TableJobRepositoryTests
{
    [Fact]
    public async Task FindJobExecutionsAsync_ByParameterValuePageSizeTwo_NewestFirstAndResumesFromToken()
    {
        var repository = await NewRepositoryAsync();
        await CreateManyAsync(repository, "import", "user", "u-42", 5);
        await CreateManyAsync(repository, "import", "user", "u-43", 2);
        var query = new JobExecutionQuery { JobName = "import", ParameterName = "user", ParameterValue = "u-42", PageSize = 2 };

        var pages = await ToListAsync(repository.FindJobExecutionsAsync(query, Ct).AsPages());

        pages.Select(p => p.Values.Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Values).Select(e => e.ExecutionId).ShouldBe(["u-42-4", "u-42-3", "u-42-2", "u-42-1", "u-42-0"]);
        pages[0].ContinuationToken.ShouldNotBeNull();
        pages[1].ContinuationToken.ShouldNotBeNull();
        pages[2].ContinuationToken.ShouldBeNull();

        var resumed = await ToListAsync(repository.FindJobExecutionsAsync(new JobExecutionQuery
        {
            JobName = "import", ParameterName = "user", ParameterValue = "u-42", PageSize = 2, ContinuationToken = pages[0].ContinuationToken,
        }, Ct).AsPages());
        resumed.SelectMany(p => p.Values).Select(e => e.ExecutionId).ShouldBe(["u-42-2", "u-42-1", "u-42-0"]);
        var viaAsPages = await ToListAsync(repository.FindJobExecutionsAsync(query, Ct).AsPages(pages[1].ContinuationToken));
        viaAsPages.SelectMany(p => p.Values).Select(e => e.ExecutionId).ShouldBe(["u-42-0"]);
    }

    [Fact]
    public async Task FindJobExecutionsAsync_ByJobName_OnlyThatJobNewestFirst()
    {
        var repository = await NewRepositoryAsync();
        await CreateManyAsync(repository, "import", "user", "a", 2);
        await CreateManyAsync(repository, "export", "user", "a", 2, idPrefix: "x-");
        await CreateManyAsync(repository, "import", "user", "b", 1);

        var byJob = await ToListAsync(repository.FindJobExecutionsAsync(new JobExecutionQuery { JobName = "import" }, Ct));
        var all = await ToListAsync(repository.FindJobExecutionsAsync(new JobExecutionQuery(), Ct));
        var anyJob = await ToListAsync(repository.FindJobExecutionsAsync(new JobExecutionQuery { ParameterName = "user", ParameterValue = "a" }, Ct));

        byJob.Select(e => e.ExecutionId).ShouldBe(["b-0", "a-1", "a-0"]);
        all.Count.ShouldBe(5);
        all.Select(e => e.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
        anyJob.Select(e => e.JobName).ShouldBe(["export", "export", "import", "import"]);
        (await repository.GetJobNamesAsync(Ct)).ShouldBe(["export", "import"]);
    }

    [Fact]
    public async Task FindJobExecutionsAsync_StatusFilter_ReturnsOnlyMatchingAcrossPages()
    {
        var repository = await NewRepositoryAsync();
        var executions = await CreateManyAsync(repository, "import", "user", "u", 6);
        foreach (var execution in executions)
        {
            execution.Status = execution.ExecutionId is "u-0" or "u-3" or "u-5" ? BatchStatus.Failed : BatchStatus.Completed;
            await repository.UpdateJobExecutionAsync(execution, Ct);
        }

        var query = new JobExecutionQuery { JobName = "import", ParameterName = "user", ParameterValue = "u", Statuses = [BatchStatus.Failed], PageSize = 2 };
        var pages = await ToListAsync(repository.FindJobExecutionsAsync(query, Ct).AsPages());

        pages.SelectMany(p => p.Values).Select(e => e.ExecutionId).ShouldBe(["u-5", "u-3", "u-0"]);
        pages[0].Values.Count.ShouldBe(2);
        pages.SelectMany(p => p.Values).ShouldAllBe(e => e.Status == BatchStatus.Failed);
    }

    [Fact]
    public async Task FindJobExecutionsAsync_TimeRange_OnlyExecutionsCreatedWithinIt()
    {
        var repository = await NewRepositoryAsync();
        var start = _clock.GetUtcNow();
        await CreateManyAsync(repository, "import", "user", "u", 5);

        var query = new JobExecutionQuery { JobName = "import", CreatedFrom = start.AddMinutes(1), CreatedTo = start.AddMinutes(3) };
        var found = await ToListAsync(repository.FindJobExecutionsAsync(query, Ct));

        found.Select(e => e.ExecutionId).ShouldBe(["u-3", "u-2", "u-1"]);
    }

    [Fact]
    public async Task FindJobExecutionsAsync_NonIdentifyingParameter_SameInstanceAndIndexed()
    {
        var repository = await NewRepositoryAsync();
        JobParameters With(string run) => new(new Dictionary<string, JobParameter> { ["file"] = new("f.csv"), ["run"] = new(run, Identifying: false) });
        var (instance, first) = await repository.CreateJobExecutionAsync("import", With("r1"), "e1", cancellationToken: Ct);
        first.Status = BatchStatus.Failed;
        await repository.UpdateJobExecutionAsync(first, Ct);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (sameInstance, second) = await repository.CreateJobExecutionAsync("import", With("r2"), "e2", cancellationToken: Ct);

        sameInstance.InstanceId.ShouldBe(instance.InstanceId);
        second.RestartOf.ShouldBe("e1");
        (await ToListAsync(repository.FindJobExecutionsAsync(new JobExecutionQuery { JobName = "import", ParameterName = "run", ParameterValue = "r1" }, Ct)))
            .Select(e => e.ExecutionId).ShouldBe(["e1"]);
        (await ToListAsync(repository.FindJobExecutionsAsync(new JobExecutionQuery { JobName = "import", ParameterName = "file", ParameterValue = "f.csv" }, Ct)))
            .Select(e => e.ExecutionId).ShouldBe(["e2", "e1"]);
    }

    [Theory]
    [InlineData("it's \"quoted\"")]
    [InlineData("a/b\\c#d?e%f|g")]
    [InlineData("Zürich 東京 🚀")]
    [InlineData("' or PartitionKey ne '")]
    public async Task FindJobExecutionsAsync_AwkwardValues_Found(string value)
    {
        var repository = await NewRepositoryAsync();
        var jobName = "import/" + value;
        var parameters = new JobParameters(new Dictionary<string, JobParameter> { ["path"] = new(value) });
        var (instance, _) = await repository.CreateJobExecutionAsync(jobName, parameters, "run#" + value, cancellationToken: Ct);
        await repository.CreateJobExecutionAsync("other", new JobParameters(new Dictionary<string, JobParameter> { ["path"] = new(value + "x") }), "other", cancellationToken: Ct);

        var found = await ToListAsync(repository.FindJobExecutionsAsync(new JobExecutionQuery { JobName = jobName, ParameterName = "path", ParameterValue = value }, Ct));

        found.Select(e => e.ExecutionId).ShouldBe(["run#" + value]);
        found[0].Parameters.GetString("path").ShouldBe(value);
        (await repository.GetJobInstanceAsync(instance.InstanceId, Ct)).ShouldBe(instance);
        (await repository.GetJobExecutionsAsync(instance.InstanceId, Ct)).Single().ExecutionId.ShouldBe("run#" + value);
        (await repository.GetJobNamesAsync(Ct)).ShouldContain(jobName);
    }

    [Fact]
    public async Task FindJobExecutionsAsync_BadQuery_ThrowsArgument()
    {
        var repository = await NewRepositoryAsync();

        Should.Throw<ArgumentException>(() => repository.FindJobExecutionsAsync(new JobExecutionQuery { ParameterName = "user" }, Ct));
        Should.Throw<ArgumentException>(() => repository.FindJobExecutionsAsync(new JobExecutionQuery { PageSize = 0 }, Ct));
        Should.Throw<ArgumentException>(() => repository.FindJobExecutionsAsync(new JobExecutionQuery { ContinuationToken = "not a token!" }, Ct));
    }

    [Fact]
    public async Task GetJobInstancesAsync_SeveralInstances_NewestFirst()
    {
        var repository = await NewRepositoryAsync();
        await CreateManyAsync(repository, "import", "user", "u", 3);

        var instances = await ToListAsync(repository.GetJobInstancesAsync("import", Ct));

        instances.Count.ShouldBe(3);
        instances.Select(i => i.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
        (await ToListAsync(repository.GetJobInstancesAsync("export", Ct))).ShouldBeEmpty();
    }

    /// <summary>Creates <paramref name="count"/> executions, one minute apart, each of its own instance (an identifying sequence number).</summary>
    private async Task<List<JobExecution>> CreateManyAsync(TableJobRepository repository, string jobName, string parameterName, string value, int count, string idPrefix = "")
    {
        var executions = new List<JobExecution>();
        for (var i = 0; i < count; i++)
        {
            var parameters = new JobParameters(new Dictionary<string, JobParameter> { [parameterName] = new(value), ["seq"] = new((long)i) });
            var (_, execution) = await repository.CreateJobExecutionAsync(jobName, parameters, $"{idPrefix}{value}-{i}", cancellationToken: Ct);
            executions.Add(execution);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        return executions;
    }

    private static async Task<List<Page<T>>> ToListAsync<T>(IAsyncEnumerable<Page<T>> pages)
        where T : notnull
    {
        var list = new List<Page<T>>();
        await foreach (var page in pages)
        {
            list.Add(page);
        }

        return list;
    }
}
