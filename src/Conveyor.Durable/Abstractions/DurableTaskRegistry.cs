using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Durable;

/// <summary>The orchestrators and activities a worker can run, by name.</summary>
/// <remarks>Names are case-insensitive. Activities are created per invocation from the worker's service provider.</remarks>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator type under its class name.</summary>
    /// <typeparam name="TOrchestrator">The orchestrator type.</typeparam>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator =>
        AddOrchestrator(typeof(TOrchestrator).Name, sp => ActivatorUtilities.CreateInstance<TOrchestrator>(sp));

    /// <summary>Registers an orchestrator factory under a name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="factory">Creates an orchestrator for each episode.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an orchestrator written as a function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="implementation">The orchestrator code.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var orchestrator = new FuncOrchestrator<TInput, TOutput>(implementation);
        return AddOrchestrator(name, _ => orchestrator);
    }

    /// <summary>Registers an activity type under its class name.</summary>
    /// <typeparam name="TActivity">The activity type.</typeparam>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity =>
        AddActivity(typeof(TActivity).Name, sp => ActivatorUtilities.CreateInstance<TActivity>(sp));

    /// <summary>Registers an activity factory under a name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="factory">Creates an activity for each invocation.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity written as a function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="implementation">The activity code.</param>
    /// <returns>This registry.</returns>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncActivity<TInput, TOutput>(implementation);
        return AddActivity(name, _ => activity);
    }

    internal bool TryCreateOrchestrator(string name, IServiceProvider services, out ITaskOrchestrator? orchestrator)
    {
        orchestrator = _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;
        return orchestrator is not null;
    }

    internal bool HasActivity(string name) => _activities.ContainsKey(name);

    internal bool TryCreateActivity(string name, IServiceProvider services, out ITaskActivity? activity)
    {
        activity = _activities.TryGetValue(name, out var factory) ? factory(services) : null;
        return activity is not null;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => implementation(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => implementation(context, input);
    }
}
