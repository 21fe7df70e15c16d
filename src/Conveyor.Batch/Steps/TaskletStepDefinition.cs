namespace Conveyor.Batch.Steps;

/// <summary>A tasklet step: calls its <see cref="ITasklet"/> until it is finished, committing after each call.</summary>
public sealed class TaskletStepDefinition : StepDefinition
{
    internal TaskletStepDefinition(string name, Func<StepContext, ITasklet> tasklet, bool ownsTasklet)
        : base(name)
    {
        Tasklet = tasklet;
        OwnsTasklet = ownsTasklet;
    }

    /// <summary>Gets the tasklet factory (called once per partition execution).</summary>
    public Func<StepContext, ITasklet> Tasklet { get; }

    /// <summary>Gets a value indicating whether the tasklets the factory makes are disposed after each partition execution.</summary>
    internal bool OwnsTasklet { get; }

    internal override IPartitionRunner CreateRunner(StepContext context) => new TaskletRunner(this, context);
}
