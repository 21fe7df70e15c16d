namespace Conveyor.Batch.Repository;

/// <summary>The partition keys of the ParameterIndex table; free text is hashed so that any value makes a valid key.</summary>
internal static class IndexPartitions
{
    public const string AllExecutions = "A";

    public static string ExecutionsOfJob(string jobName) => "J" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(jobName);

    public static string ExecutionsOfInstance(string instanceId) => "I" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(instanceId);

    public static string ExecutionsOfJobWithParameter(string jobName, string name, string value) =>
        "P" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(jobName, name, value);

    public static string ExecutionsWithParameter(string name, string value) => "V" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(name, value);

    public static string InstancesOfJob(string jobName) => "N" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(jobName);
}
