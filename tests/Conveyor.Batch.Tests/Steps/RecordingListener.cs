using Conveyor.Batch.Core;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.Tests.Steps;

/// <summary>A listener of every kind that writes each call, prefixed by its tag, into a <see cref="CallLog"/>.</summary>
internal sealed class RecordingListener<TIn, TOut>(CallLog log, string tag = "") :
    IJobExecutionListener, IStepExecutionListener, IChunkListener, IItemReadListener<TIn>, IItemProcessListener<TIn, TOut>, IItemWriteListener<TOut>, ISkipListener<TIn, TOut>
{
    public Func<StepExecution, ExitStatus?>? AfterStep { get; init; }

    public Action<JobExecution>? AfterJob { get; init; }

    public Task BeforeJobAsync(JobExecution jobExecution, CancellationToken cancellationToken) => Record($"beforeJob {jobExecution.Status}");

    public Task AfterJobAsync(JobExecution jobExecution, CancellationToken cancellationToken)
    {
        log.Add($"{tag}afterJob {jobExecution.Status} {jobExecution.ExitStatus.ExitCode}");
        AfterJob?.Invoke(jobExecution);
        return Task.CompletedTask;
    }

    public Task BeforeStepAsync(StepExecution stepExecution, CancellationToken cancellationToken) => Record($"beforeStep {stepExecution.StepName} {stepExecution.Status}");

    public Task<ExitStatus?> AfterStepAsync(StepExecution stepExecution, CancellationToken cancellationToken)
    {
        log.Add($"{tag}afterStep {stepExecution.StepName} {stepExecution.Status} {stepExecution.ExitStatus.ExitCode} read={stepExecution.ReadCount} written={stepExecution.WriteCount}");
        return Task.FromResult(AfterStep?.Invoke(stepExecution));
    }

    public Task BeforeChunkAsync(StepExecution execution) => Record("beforeChunk");

    public Task AfterChunkAsync(StepExecution execution) => Record("afterChunk");

    public ValueTask BeforeReadAsync() => RecordValue("beforeRead");

    public ValueTask AfterReadAsync(TIn item) => RecordValue($"afterRead {item}");

    public ValueTask OnReadErrorAsync(Exception exception) => RecordValue($"readError {(exception as ItemReaderException)?.LineNumber}");

    public ValueTask BeforeProcessAsync(TIn item) => RecordValue($"beforeProcess {item}");

    public ValueTask AfterProcessAsync(TIn item, TOut? result) => RecordValue($"afterProcess {item} -> {(result is null ? "null" : result.ToString())}");

    public ValueTask OnProcessErrorAsync(TIn item, Exception exception) => RecordValue($"processError {item} {exception.Message}");

    public ValueTask BeforeWriteAsync(Chunk<TOut> items) => RecordValue($"beforeWrite [{string.Join(",", items)}]");

    public ValueTask AfterWriteAsync(Chunk<TOut> items) => RecordValue($"afterWrite [{string.Join(",", items)}]");

    public ValueTask OnWriteErrorAsync(Exception exception, Chunk<TOut> items) => RecordValue($"writeError [{string.Join(",", items)}]");

    public ValueTask OnSkipInReadAsync(Exception exception, SkippedItem skipped) => RecordValue($"skipInRead line {skipped.LineNumber} {skipped.Input}");

    public ValueTask OnSkipInProcessAsync(TIn item, Exception exception, SkippedItem skipped) => RecordValue($"skipInProcess {item} line {skipped.LineNumber} {exception.Message}");

    public ValueTask OnSkipInWriteAsync(TOut item, Exception exception, SkippedItem skipped) => RecordValue($"skipInWrite {item} line {skipped.LineNumber} {exception.Message}");

    private Task Record(string call)
    {
        log.Add(tag + call);
        return Task.CompletedTask;
    }

    private ValueTask RecordValue(string call)
    {
        log.Add(tag + call);
        return default;
    }
}
