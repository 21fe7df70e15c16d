namespace Conveyor.Cli;

/// <summary>The process exit codes of <c>conveyor</c>, listed in its help.</summary>
internal static class ExitCodes
{
    /// <summary>The command succeeded (a job it waited for COMPLETED).</summary>
    public const int Ok = 0;

    /// <summary>A job it ran or waited for ended FAILED, STOPPED or ABANDONED.</summary>
    public const int JobNotCompleted = 1;

    /// <summary>The command line was wrong: unknown command or option, bad <c>--param</c>, unknown job, invalid parameters, missing file.</summary>
    public const int Usage = 2;

    /// <summary>The app or storage refused or failed the request: HTTP error, unreachable app, missing key, conflict.</summary>
    public const int ServerError = 3;

    /// <summary>The help text that explains the codes.</summary>
    public const string Help = "Exit codes: 0 ok (job COMPLETED), 1 job FAILED/STOPPED, 2 usage error, 3 server, HTTP or storage error.";
}
