using System.Diagnostics.CodeAnalysis;

namespace Conveyor.Batch.Steps;

/// <summary>
/// The marker of every listener a step accepts (Spring Batch's <c>StepListener</c>): <see cref="IStepExecutionListener"/>,
/// <see cref="IChunkListener"/>, <see cref="IItemReadListener{T}"/>, <see cref="IItemProcessListener{TIn, TOut}"/>,
/// <see cref="IItemWriteListener{T}"/> and <see cref="ISkipListener{TIn, TOut}"/>. One object may implement several.
/// </summary>
/// <remarks>
/// <para>Order: <c>Before…</c> callbacks run in registration order; <c>After…</c> and <c>On…Error</c> callbacks in
/// reverse registration order (as in Spring Batch); skip callbacks in registration order.</para>
/// <para>Failures: a listener that throws fails the step (and so, unless a transition says otherwise, the job); the
/// step's failure names the callback (<see cref="ListenerFailedException"/>). Unlike Spring Batch, which only logs a
/// failing <c>afterStep</c>, an <see cref="IStepExecutionListener.AfterStepAsync"/> that throws fails the step too: the
/// engine keeps no log a failure could hide in. Listener failures are never skipped or retried.</para>
/// <para>Delivery: callbacks run in the activities that do the work, which are at-least-once; after a crash, a
/// callback of work that was not committed runs again when the work is redone.</para>
/// </remarks>
[SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "A marker, as Spring Batch's StepListener: StepBuilder.Listener takes any listener kind through it.")]
public interface IStepListener;
