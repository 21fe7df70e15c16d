namespace Conveyor.Testing.Faults;

/// <summary>The faults a <see cref="FaultInjectionPolicy"/> may inject.</summary>
[Flags]
public enum InjectedFaults
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>The request does not reach the service; the caller sees 500 <c>InternalError</c>.</summary>
    Status500 = 1,

    /// <summary>The request does not reach the service; the caller sees 503 <c>ServerBusy</c>.</summary>
    Status503 = 2,

    /// <summary>
    /// The request does not reach the service; the attempt fails with a <see cref="TaskCanceledException"/>, as
    /// Azure.Core's transport reports a network timeout.
    /// </summary>
    Timeout = 4,

    /// <summary>
    /// The request reaches the service and takes effect, but the caller sees 500 <c>InternalError</c> instead of the
    /// real answer — the case where a retried write happens twice.
    /// </summary>
    FailAfterSend = 8,

    /// <summary>The faults that leave the service untouched: <see cref="Status500"/>, <see cref="Status503"/>, <see cref="Timeout"/>.</summary>
    BeforeSend = Status500 | Status503 | Timeout,

    /// <summary>Every fault.</summary>
    All = BeforeSend | FailAfterSend,
}
