using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conveyor.Durable.TaskHub;

/// <summary>
/// Ids derived from what they identify, so a re-sent start message names the same execution (and is recognised as a
/// duplicate) and a worker re-acquiring a lease presents the same lease id.
/// </summary>
internal static class DeterministicIds
{
    /// <summary>The execution of the sub-orchestration a parent execution starts as action <paramref name="taskId"/>.</summary>
    public static string ChildExecutionId(string parentInstanceId, string parentExecutionId, int taskId) =>
        Convert.ToHexStringLower(Hash(parentInstanceId, parentExecutionId, taskId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The execution that follows <paramref name="executionId"/> when it continues as new.</summary>
    public static string SuccessorExecutionId(string instanceId, string executionId) =>
        Convert.ToHexStringLower(Hash(instanceId, executionId, "continue-as-new"));

    /// <summary>The lease id a worker uses for a lease blob, the same every time it acquires it.</summary>
    public static string LeaseId(string workerId, string leaseBlobName) => new Guid(Hash(workerId, leaseBlobName)).ToString();

    public static string NewExecutionId() => Guid.NewGuid().ToString("N");

    private static byte[] Hash(params string[] parts) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)))[..16];
}
