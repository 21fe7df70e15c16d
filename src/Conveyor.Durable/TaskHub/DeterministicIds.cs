using System.Security.Cryptography;
using System.Text;

namespace Conveyor.Durable.TaskHub;

/// <summary>Execution ids derived from history, so a re-sent start message names the same execution and is recognised as a duplicate.</summary>
internal static class DeterministicIds
{
    public static string ExecutionId(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The execution that follows <paramref name="executionId"/> when it continues as new.</summary>
    public static string SuccessorExecutionId(string instanceId, string executionId) => ExecutionId(instanceId, executionId, "continue-as-new");

    public static string NewExecutionId() => Guid.NewGuid().ToString("N");
}
