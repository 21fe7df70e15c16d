using Conveyor.Batch.Core;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Execution;

/// <summary>
/// The skip limit of a step counted across the whole step, as Spring Batch counts it: every partition, every
/// re-scheduled run of a partition's activity, and every restart of the job instance since the step last completed.
/// </summary>
/// <remarks>
/// The step's own execution keeps the count in its execution context: the skips carried over from the executions it
/// restarts (what their partitions committed), and per partition the skips it holds at its latest checkpoint. A
/// partition records its count there, ETag-guarded, before its checkpoint commits any output; a total over the limit
/// fails the partition instead. Recording sets the partition's count rather than adding to it, so a run repeated
/// from the same checkpoint (a crash, a duplicate activity) counts its skips once.
/// </remarks>
internal sealed class StepSkipBudget
{
    private const string CarriedKey = "skips.carried";
    private const string PartitionsKey = "skips.partitions";

    private readonly IJobRepository _repository;
    private readonly string _jobExecutionId;
    private readonly string _stepName;
    private readonly string _partitionName;
    private readonly int _limit;
    private long _recorded;

    private StepSkipBudget(IJobRepository repository, string jobExecutionId, string stepName, string partitionName, int limit)
    {
        (_repository, _jobExecutionId, _stepName, _partitionName, _limit) = (repository, jobExecutionId, stepName, partitionName, limit);
    }

    /// <summary>Gets the skips of the step outside this partition (other partitions, earlier executions), as last read.</summary>
    public long SkippedElsewhere { get; private set; }

    /// <summary>Reads the step's count as it stands.</summary>
    public static async Task<StepSkipBudget> LoadAsync(IJobRepository repository, string jobExecutionId, string stepName, string partitionName, int limit, CancellationToken cancellationToken = default)
    {
        var budget = new StepSkipBudget(repository, jobExecutionId, stepName, partitionName, limit);
        var step = await budget.GetStepAsync(cancellationToken).ConfigureAwait(false);
        (budget.SkippedElsewhere, budget._recorded) = budget.Split(ExecutionContext.FromJson(step.ExecutionContextJson));
        return budget;
    }

    /// <summary>The skips an execution of the step passes on to the execution that restarts it: those it carried plus those its partitions committed.</summary>
    public static long CarriedFrom(StepExecution step, IEnumerable<StepExecution?> partitions) =>
        ExecutionContext.FromJson(step.ExecutionContextJson).Get(CarriedKey, 0L) + partitions.Sum(p => p?.SkipCount ?? 0);

    /// <summary>Writes the skips a new execution of the step starts with into its execution context.</summary>
    public static void Carry(ExecutionContext stepContext, long carried) => stepContext.Put(CarriedKey, carried);

    /// <summary>
    /// Records that this partition holds <paramref name="partitionSkips"/> skips at the checkpoint about to be taken;
    /// does nothing when that is what was recorded last.
    /// </summary>
    /// <exception cref="SkipLimitExceededException">The step's total would exceed the limit; nothing was recorded.</exception>
    public async Task RecordAsync(long partitionSkips, CancellationToken cancellationToken = default)
    {
        if (partitionSkips == _recorded)
        {
            return;
        }

        while (true)
        {
            var step = await GetStepAsync(cancellationToken).ConfigureAwait(false);
            var context = ExecutionContext.FromJson(step.ExecutionContextJson);
            (SkippedElsewhere, _) = Split(context);
            if (SkippedElsewhere + partitionSkips > _limit)
            {
                throw new SkipLimitExceededException(
                    _limit, $"Skip limit of {_limit} exceeded: step '{_stepName}' has skipped {SkippedElsewhere + partitionSkips} items in all its partitions and restarts.");
            }

            var partitions = context.Get<Dictionary<string, long>>(PartitionsKey) ?? [];
            partitions[_partitionName] = partitionSkips;
            context.Put(PartitionsKey, partitions);
            step.ExecutionContextJson = context.ToJson();
            try
            {
                await _repository.SaveStepExecutionAsync(step, cancellationToken).ConfigureAwait(false);
                _recorded = partitionSkips;
                return;
            }
            catch (JobRepositoryConcurrencyException)
            {
                // Another partition recorded meanwhile: count again from fresh state.
            }
        }
    }

    private (long Elsewhere, long Own) Split(ExecutionContext context)
    {
        var partitions = context.Get<Dictionary<string, long>>(PartitionsKey) ?? [];
        var own = partitions.GetValueOrDefault(_partitionName);
        return (context.Get(CarriedKey, 0L) + partitions.Values.Sum() - own, own);
    }

    private async Task<StepExecution> GetStepAsync(CancellationToken cancellationToken) =>
        await _repository.GetStepExecutionAsync(_jobExecutionId, _stepName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Step '{_stepName}' of '{_jobExecutionId}' was never started.");
}
