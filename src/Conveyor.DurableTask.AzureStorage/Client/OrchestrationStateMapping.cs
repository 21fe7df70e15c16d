using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailure = DurableTask.Core.FailureDetails;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>Maps the engine's instance state and statuses onto the SDK's.</summary>
// ContinuedAsNew and Canceled are obsolete in the SDK, but the engine can still report them.
#pragma warning disable CS0618
internal static class OrchestrationStateMapping
{
    public static OrchestrationMetadata ToMetadata(
        OrchestrationState state, bool includeInputsAndOutputs, DataConverter dataConverter, TaskFailureDetails? failure = null) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            RuntimeStatus = ToSdk(state.OrchestrationStatus),
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = includeInputsAndOutputs ? state.Input : null,
            SerializedOutput = includeInputsAndOutputs && state.OrchestrationStatus != OrchestrationStatus.Failed ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = failure ?? ToSdk(state.FailureDetails)
                ?? (state.OrchestrationStatus == OrchestrationStatus.Failed ? FailureDetailsReader.FromOutput(state.Output) : null),
            Tags = state.Tags is { Count: > 0 } tags ? tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) : new Dictionary<string, string>(),
            DataConverter = dataConverter,
        };

    public static OrchestrationRuntimeStatus ToSdk(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
        OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
        OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    public static OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => OrchestrationStatus.Running,
        OrchestrationRuntimeStatus.Completed => OrchestrationStatus.Completed,
        OrchestrationRuntimeStatus.ContinuedAsNew => OrchestrationStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Failed => OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Canceled => OrchestrationStatus.Canceled,
        OrchestrationRuntimeStatus.Terminated => OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => OrchestrationStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    private static TaskFailureDetails? ToSdk(CoreFailure? failure) => failure is null
        ? null
        : new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, ToSdk(failure.InnerFailure), failure.Properties);

    // The engine's times are UTC; a DateTime read back from a table may come without its kind.
    private static DateTimeOffset AsUtc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
#pragma warning restore CS0618
