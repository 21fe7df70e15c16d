using Conveyor.Batch.Core;
using Conveyor.Batch.Repository;

namespace Conveyor.Batch.Tests.Repository;

public sealed partial class TableJobRepositoryTests
{
    [Fact]
    public async Task SaveStepExecutionAsync_EveryCountAndLargeContext_RoundTrip()
    {
        var repository = await NewRepositoryAsync();
        // ASCII only: Azurite 3.37 decodes large request bodies in pieces and can split a multi-byte UTF-8 character at a
        // piece boundary, corrupting it (seen with 'é' in a 100k-character body). Non-ASCII round trips are covered by the
        // smaller contexts of the other tests; real Azure Storage has no such limit.
        var context = "{\"position\":\"" + string.Concat(Enumerable.Range(0, 20_000).Select(i => (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "ab/#?'x"))[..99_980] + "\"}";
        context.Length.ShouldBeGreaterThan(99_990);
        var step = new StepExecution
        {
            JobExecutionId = "exec/1#?",
            StepName = "load:partition3",
            Status = BatchStatus.Started,
            ExitStatus = ExitStatus.Executing.AddExitDescription("going"),
            ReadCount = 1,
            WriteCount = 2,
            FilterCount = 3,
            ReadSkipCount = 4,
            ProcessSkipCount = 5,
            WriteSkipCount = 6,
            CommitCount = 7,
            RollbackCount = 8,
            BytesRead = 9_000_000_000,
            BytesTotal = 10_000_000_000,
            StartedAt = _clock.GetUtcNow(),
            LastUpdatedAt = _clock.GetUtcNow().AddSeconds(5),
            Failures = { "one", "two" },
            ExecutionContextJson = context,
        };

        await repository.SaveStepExecutionAsync(step, Ct);

        step.Version.ShouldNotBeNull();
        var stored = await repository.GetStepExecutionAsync("exec/1#?", "load:partition3", Ct);
        stored.ShouldNotBeNull();
        stored.ShouldSatisfyAllConditions(
            () => stored.Status.ShouldBe(BatchStatus.Started),
            () => stored.ExitStatus.ShouldBe(step.ExitStatus),
            () => stored.ReadCount.ShouldBe(1),
            () => stored.WriteCount.ShouldBe(2),
            () => stored.FilterCount.ShouldBe(3),
            () => stored.ReadSkipCount.ShouldBe(4),
            () => stored.ProcessSkipCount.ShouldBe(5),
            () => stored.WriteSkipCount.ShouldBe(6),
            () => stored.CommitCount.ShouldBe(7),
            () => stored.RollbackCount.ShouldBe(8),
            () => stored.BytesRead.ShouldBe(9_000_000_000),
            () => stored.BytesTotal.ShouldBe(10_000_000_000),
            () => stored.StartedAt.ShouldBe(step.StartedAt),
            () => stored.EndedAt.ShouldBeNull(),
            () => stored.LastUpdatedAt.ShouldBe(step.LastUpdatedAt),
            () => stored.Failures.ShouldBe(["one", "two"]),
            () => stored.ExecutionContextJson.ShouldBe(context),
            () => stored.Version.ShouldBe(step.Version));
    }

    [Fact]
    public async Task SaveStepExecutionAsync_ShorterContextAfterLongOne_ReplacesAllParts()
    {
        var repository = await NewRepositoryAsync();
        var step = new StepExecution { JobExecutionId = "e1", StepName = "s", ExecutionContextJson = new string('a', 95_000) };
        await repository.SaveStepExecutionAsync(step, Ct);

        step.ExecutionContextJson = "{}";
        step.CommitCount = 1;
        await repository.SaveStepExecutionAsync(step, Ct);

        var stored = (await repository.GetStepExecutionAsync("e1", "s", Ct))!;
        stored.ExecutionContextJson.ShouldBe("{}");
        stored.CommitCount.ShouldBe(1);
    }

    [Fact]
    public async Task SaveStepExecutionAsync_NewTwiceOrStale_ThrowsConcurrency()
    {
        var repository = await NewRepositoryAsync();
        var step = new StepExecution { JobExecutionId = "e1", StepName = "s" };
        await repository.SaveStepExecutionAsync(step, Ct);
        var stale = (await repository.GetStepExecutionAsync("e1", "s", Ct))!;
        step.CommitCount = 1;
        await repository.SaveStepExecutionAsync(step, Ct);

        await Should.ThrowAsync<JobRepositoryConcurrencyException>(() => repository.SaveStepExecutionAsync(new StepExecution { JobExecutionId = "e1", StepName = "s" }, Ct));
        stale.CommitCount = 99;
        await Should.ThrowAsync<JobRepositoryConcurrencyException>(() => repository.SaveStepExecutionAsync(stale, Ct));

        (await repository.GetStepExecutionAsync("e1", "s", Ct))!.CommitCount.ShouldBe(1);
    }

    [Fact]
    public async Task SaveStepExecutionAsync_ContextOverLimit_ThrowsArgumentAndWritesNothing()
    {
        var repository = await NewRepositoryAsync();
        var step = new StepExecution { JobExecutionId = "e1", StepName = "s", ExecutionContextJson = new string('a', 600_000) };

        var error = await Should.ThrowAsync<ArgumentException>(() => repository.SaveStepExecutionAsync(step, Ct));

        error.Message.ShouldContain("execution context");
        (await repository.GetStepExecutionAsync("e1", "s", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GetStepExecutionsAsync_SeveralSteps_InStartOrder()
    {
        var repository = await NewRepositoryAsync();
        var start = _clock.GetUtcNow();
        foreach (var (name, offset) in new[] { ("b", 2), ("a", 3), ("c", 1) })
        {
            await repository.SaveStepExecutionAsync(new StepExecution { JobExecutionId = "e1", StepName = name, StartedAt = start.AddSeconds(offset) }, Ct);
        }

        (await repository.GetStepExecutionsAsync("e1", Ct)).Select(s => s.StepName).ShouldBe(["c", "b", "a"]);
    }

    [Fact]
    public async Task AddSkippedItemsAsync_SameSkipTwice_StoredOnceAndListedByStepThenLine()
    {
        var repository = await NewRepositoryAsync();
        var skips = new[]
        {
            new SkippedItem("e1", "load", "read", 120, null, "bad date", "x,y"),
            new SkippedItem("e1", "load", "read", 7, null, "bad number", "a,b"),
            new SkippedItem("e1", "check", "process", 3, "id-9", "invalid", null),
            new SkippedItem("e1", "load", "write", null, "id-4", "duplicate key", "4,z"),
            new SkippedItem("e2", "load", "read", 1, null, "other execution", null),
        };

        await repository.AddSkippedItemsAsync(skips, Ct);
        await repository.AddSkippedItemsAsync([skips[1], skips[1] with { Reason = "bad number (again)" }], Ct);

        var listed = await ToListAsync(repository.GetSkippedItemsAsync("e1", Ct));
        listed.Count.ShouldBe(4);
        listed.Select(s => (s.StepName, s.LineNumber)).ShouldBe(new (string, long?)[] { ("check", 3), ("load", 7), ("load", 120), ("load", null) });
        listed[1].Reason.ShouldBe("bad number (again)");
        listed[3].ShouldBe(skips[3]);
        listed[0].ShouldBe(skips[2]);
    }

    [Fact]
    public async Task AddSkippedItemsAsync_MoreThanOneTransaction_AllStored()
    {
        var repository = await NewRepositoryAsync();
        var skips = Enumerable.Range(1, 250).Select(i => new SkippedItem("e1", "load", "read", i, null, "bad", new string('r', 5_000))).ToList();

        await repository.AddSkippedItemsAsync(skips, Ct);

        var listed = await ToListAsync(repository.GetSkippedItemsAsync("e1", Ct));
        listed.Select(s => s.LineNumber).ShouldBe(Enumerable.Range(1, 250).Select(i => (long?)i));
        listed[0].Input!.Length.ShouldBe(4_000);
    }
}
