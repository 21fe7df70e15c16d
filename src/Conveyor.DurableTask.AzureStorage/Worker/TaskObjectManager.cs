using DurableTask.Core;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>
/// The engine's registry of orchestrations or activities, answered lazily: each lookup creates a new object for one
/// work item. Registration through <see cref="Add"/> is not used; the SDK's registry is the only source.
/// </summary>
/// <typeparam name="T">A <see cref="TaskOrchestration"/> or a <see cref="TaskActivity"/>.</typeparam>
/// <param name="create">Creates the object for a name (a stand-in that fails clearly when none is registered).</param>
internal sealed class TaskObjectManager<T>(Func<string, T> create) : INameVersionObjectManager<T>
    where T : class
{
    public void Add(ObjectCreator<T> creator) =>
        throw new NotSupportedException("Register orchestrators and activities with AddTasks(..) on the worker builder.");

    // The SDK has no versioned lookup in this package band; the version travels in the work item and the SDK's context.
    public T? GetObject(string name, string? version) => create(name);
}
