using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Steps;

namespace Conveyor.Batch.Tests.Execution;

/// <summary>A one-call tasklet that writes "&lt;step&gt;" into a log (and can fail instead).</summary>
internal sealed class RecordingTasklet(CallLog log, Func<bool>? fail = null) : ITasklet
{
    public ValueTask<RepeatStatus> ExecuteAsync(StepContribution contribution, ChunkContext chunkContext, CancellationToken cancellationToken)
    {
        log.Add(chunkContext.StepContext.StepName);
        contribution.IncrementWriteCount();
        return fail?.Invoke() == true ? throw new InvalidOperationException($"{chunkContext.StepContext.StepName} failed") : ValueTask.FromResult(RepeatStatus.Finished);
    }

    public static StepDefinition Step(string name, CallLog log, Func<bool>? fail = null) => new StepBuilder(name).Tasklet(new RecordingTasklet(log, fail)).Build();
}
