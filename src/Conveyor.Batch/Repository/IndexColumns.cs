namespace Conveyor.Batch.Repository;

/// <summary>Property names of the ParameterIndex table.</summary>
internal static class IndexColumns
{
    public const string ExecutionId = "ExecutionId";
    public const string InstanceId = "InstanceId";
    public const string JobName = "JobName";
    public const string CreatedAt = "CreatedAt";
    public const string ParameterName = "ParameterName";

    /// <summary>The raw value (first 1,024 characters), for people reading the table; lookups use the hashed key.</summary>
    public const string ParameterValue = "ParameterValue";
}
