namespace Conveyor.Durable;

/// <summary>How many instances a purge deleted.</summary>
/// <param name="PurgedInstanceCount">The number of instances whose state and history were deleted.</param>
public sealed record PurgeResult(int PurgedInstanceCount);
