using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>What follows a step whose exit code matches <see cref="Pattern"/>: another step, or the end of the job with a status.</summary>
/// <param name="From">The step.</param>
/// <param name="Pattern">An exit code pattern: <c>*</c> any run of characters, <c>?</c> one character.</param>
/// <param name="To">The next step, or null when the job ends.</param>
/// <param name="EndStatus">The job's status when it ends here (COMPLETED for end, FAILED for fail, STOPPED for stop).</param>
/// <param name="RestartAt">For stop-and-restart: the step a restart begins at.</param>
public sealed record Transition(string From, string Pattern, string? To, BatchStatus EndStatus = BatchStatus.Completed, string? RestartAt = null)
{
    /// <summary>Returns whether an exit code matches a pattern.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="exitCode">The code.</param>
    /// <returns>True on a match.</returns>
    public static bool Matches(string pattern, string exitCode)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(exitCode);
        return Match(pattern, 0, exitCode, 0);
    }

    private static bool Match(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == '*')
            {
                for (var k = t; k <= text.Length; k++)
                {
                    if (Match(pattern, p + 1, text, k))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= text.Length || (pattern[p] != '?' && pattern[p] != text[t]))
            {
                return false;
            }

            p++;
            t++;
        }

        return t == text.Length;
    }
}
