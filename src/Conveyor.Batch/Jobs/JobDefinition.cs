using Conveyor.Batch.Steps;

namespace Conveyor.Batch.Jobs;

/// <summary>A job: its steps, the transitions between them, and its parameter rules. Built by <see cref="JobBuilder"/>.</summary>
public sealed class JobDefinition
{
    internal JobDefinition(string name, IReadOnlyList<StepDefinition> steps, IReadOnlyList<Transition> transitions)
    {
        Name = name;
        Steps = steps;
        Transitions = transitions;
    }

    /// <summary>Gets the job name.</summary>
    public string Name { get; }

    /// <summary>Gets the steps; the first one starts the job.</summary>
    public IReadOnlyList<StepDefinition> Steps { get; }

    /// <summary>Gets the transitions, in the order they were declared.</summary>
    public IReadOnlyList<Transition> Transitions { get; }

    /// <summary>Gets the parameter validator, if any.</summary>
    public JobParametersValidator? Validator { get; init; }

    /// <summary>Gets a value indicating whether a failed or stopped execution may be restarted. Default true.</summary>
    public bool Restartable { get; init; } = true;

    /// <summary>Gets where the job's input files live, if it declares them; the upload endpoint and the blob trigger use it.</summary>
    public JobInput? Input { get; init; }

    /// <summary>Gets the parameters incrementer, if any (Spring Batch's JobParametersIncrementer).</summary>
    public IJobParametersIncrementer? Incrementer { get; init; }

    /// <summary>Gets the job listeners, in registration order.</summary>
    public IReadOnlyList<IJobExecutionListener> Listeners { get; init; } = [];

    /// <summary>Gets the deciders of the flow, by name.</summary>
    public IReadOnlyDictionary<string, IJobExecutionDecider> Deciders { get; init; } = new Dictionary<string, IJobExecutionDecider>();

    /// <summary>Gets the name of the step or decider the job begins with.</summary>
    public string FirstNode => StartNode ?? Steps[0].Name;

    internal string? StartNode { get; init; }

    /// <summary>Returns whether a name is one of the flow's deciders.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for a decider.</returns>
    public bool IsDecider(string name) => Deciders.ContainsKey(name);

    /// <summary>Returns whether a name is a step or a decider of this job.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when the flow has it.</returns>
    public bool HasNode(string name) => IsDecider(name) || Steps.Any(s => s.Name == name);

    /// <summary>Returns a step by name.</summary>
    /// <param name="name">The step name.</param>
    /// <returns>The step.</returns>
    public StepDefinition GetStep(string name) =>
        Steps.FirstOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"Job '{Name}' has no step '{name}'.");

    /// <summary>Decides what follows a step (or decider) that ended with <paramref name="exitCode"/>: the most specific matching transition wins.</summary>
    /// <param name="stepName">The step that ended, or the decider that decided.</param>
    /// <param name="exitCode">Its exit code.</param>
    /// <returns>The transition; when none matches, COMPLETED ends the job and anything else fails it.</returns>
    public Transition Next(string stepName, string exitCode) => Flow.Next(stepName, exitCode);

    /// <summary>Gets the flow as data, for the job orchestration.</summary>
    public JobFlow Flow => field ??= new(Transitions, [.. Deciders.Keys], Steps.ToDictionary(s => s.Name, s => s.MaxParallelPartitions, StringComparer.Ordinal));
}
