using Azure.Core;

namespace Conveyor.Testing.Faults;

/// <summary>
/// One fault injected at chosen attempts, whatever <see cref="FaultInjectionPolicy.FailureRate"/> is: the attempts that
/// match, after skipping the first <see cref="Skip"/> of them, <see cref="Times"/> in a row. For a test that needs the
/// exact request to fail (a commit whose answer is lost, a read that fails through every retry).
/// </summary>
/// <param name="fault">A single fault kind.</param>
/// <param name="matches">Which attempts count, e.g. by method and path; called for every attempt.</param>
public sealed class FaultRule(InjectedFaults fault, Func<Request, bool> matches)
{
    private int _seen;

    /// <summary>Gets the fault injected.</summary>
    public InjectedFaults Fault { get; } = fault is InjectedFaults.Status500 or InjectedFaults.Status503 or InjectedFaults.Timeout or InjectedFaults.FailAfterSend
        ? fault
        : throw new ArgumentOutOfRangeException(nameof(fault), fault, "Name a single fault kind.");

    /// <summary>Gets the number of matching attempts let through before the first fault. Default 0.</summary>
    public int Skip { get; init; }

    /// <summary>Gets the number of matching attempts that fail, one after another. Default 1.</summary>
    public int Times { get; init; } = 1;

    /// <summary>Gets the number of faults this rule injected.</summary>
    public int Injected => Math.Clamp(Volatile.Read(ref _seen) - Skip, 0, Times);

    /// <summary>Counts the attempt if it matches; returns whether it is one of those to fail.</summary>
    internal bool Take(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!matches(request))
        {
            return false;
        }

        var index = Interlocked.Increment(ref _seen) - 1;
        return index >= Skip && index < Skip + Times;
    }
}
