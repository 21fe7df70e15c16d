using Conveyor.Batch.Core;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.Jobs;

/// <summary>
/// Builds jobs the Spring Batch way: <c>new JobBuilder("football").Start(a).Next(b).Next(c).Build()</c>, with
/// conditional flows <c>.From(a).On("FAILED").To(recover)</c>, <c>.On("*").End()</c>, <c>.Fail()</c>, <c>.StopAndRestart(step)</c>,
/// and deciders <c>.Next(decider).On("ODD").To(odd).From(decider).On("*").To(even)</c>.
/// </summary>
/// <param name="name">The job name: letters, digits, '-', '_' and '.'.</param>
/// <remarks>Steps and deciders share one name space: a decider is named when first added (<c>decision1</c>, <c>decision2</c>, … unless named).</remarks>
public sealed class JobBuilder(string name)
{
    private readonly List<StepDefinition> _steps = [];
    private readonly List<(string Name, IJobExecutionDecider Decider)> _deciders = [];
    private readonly List<Transition> _transitions = [];
    private readonly List<IJobExecutionListener> _listeners = [];
    private string? _start;
    private string? _current;
    private string? _pattern;
    private JobParametersValidator? _validator;
    private IJobParametersIncrementer? _incrementer;
    private bool _restartable = true;
    private JobInput? _input;

    /// <summary>Sets the first step.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Start(StepDefinition step)
    {
        EnsureNoStart();
        Add(step);
        _start = _current = step.Name;
        return this;
    }

    /// <summary>Starts the job with a decider.</summary>
    /// <param name="decider">The decider.</param>
    /// <param name="deciderName">Its name in the flow; <c>decisionN</c> when null.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Start(IJobExecutionDecider decider, string? deciderName = null)
    {
        EnsureNoStart();
        _start = _current = AddDecider(decider, deciderName);
        return this;
    }

    /// <summary>Runs <paramref name="step"/> after the current one when it COMPLETED (and makes it current).</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Next(StepDefinition step)
    {
        var from = _current ?? throw new InvalidOperationException($"Job '{name}': call Start before Next.");
        Add(step);
        _transitions.Add(new Transition(from, ExitStatus.Completed.ExitCode, step.Name));
        _current = step.Name;
        return this;
    }

    /// <summary>Runs <paramref name="decider"/> after the current step when it COMPLETED (and makes it current: follow with On).</summary>
    /// <param name="decider">The decider.</param>
    /// <param name="deciderName">Its name in the flow; <c>decisionN</c> when null.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Next(IJobExecutionDecider decider, string? deciderName = null)
    {
        var from = _current ?? throw new InvalidOperationException($"Job '{name}': call Start before Next.");
        var to = AddDecider(decider, deciderName);
        _transitions.Add(new Transition(from, ExitStatus.Completed.ExitCode, to));
        _current = to;
        return this;
    }

    /// <summary>Makes a step already added current, to declare its transitions.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public JobBuilder From(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _current = _steps.Any(s => s.Name == step.Name) ? step.Name : throw new InvalidOperationException($"Job '{name}': step '{step.Name}' was not added yet.");
        return this;
    }

    /// <summary>Makes a decider already added current, to declare its transitions.</summary>
    /// <param name="decider">The decider.</param>
    /// <returns>This builder.</returns>
    public JobBuilder From(IJobExecutionDecider decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        _current = NameOf(decider) ?? throw new InvalidOperationException($"Job '{name}': the decider was not added yet (add it with Start, Next or To).");
        return this;
    }

    /// <summary>Starts a transition for exit codes matching <paramref name="pattern"/> (<c>*</c>, <c>?</c> wildcards).</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>This builder; follow with To, End, Fail or StopAndRestart.</returns>
    public JobBuilder On(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        _pattern = pattern;
        return this;
    }

    /// <summary>Goes to <paramref name="step"/> (adding it if new).</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public JobBuilder To(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!_steps.Any(s => s.Name == step.Name))
        {
            Add(step);
        }

        return Close(new Transition(Current(), TakePattern(), step.Name));
    }

    /// <summary>Goes to <paramref name="decider"/> (adding it if new).</summary>
    /// <param name="decider">The decider.</param>
    /// <param name="deciderName">Its name in the flow when new; <c>decisionN</c> when null.</param>
    /// <returns>This builder.</returns>
    public JobBuilder To(IJobExecutionDecider decider, string? deciderName = null)
    {
        ArgumentNullException.ThrowIfNull(decider);
        var from = Current();
        var pattern = TakePattern();
        return Close(new Transition(from, pattern, NameOf(decider) ?? AddDecider(decider, deciderName)));
    }

    /// <summary>Ends the job COMPLETED.</summary>
    /// <returns>This builder.</returns>
    public JobBuilder End() => Close(new Transition(Current(), TakePattern(), null, BatchStatus.Completed));

    /// <summary>Ends the job FAILED (restartable).</summary>
    /// <returns>This builder.</returns>
    public JobBuilder Fail() => Close(new Transition(Current(), TakePattern(), null, BatchStatus.Failed));

    /// <summary>Stops the job (STOPPED); a restart begins at <paramref name="step"/> (adding it if new).</summary>
    /// <param name="step">Where a restart begins.</param>
    /// <returns>This builder.</returns>
    /// <remarks>The restart point is saved in the job execution's context; a restart that fails again restarts at the same point.</remarks>
    public JobBuilder StopAndRestart(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!_steps.Any(s => s.Name == step.Name))
        {
            Add(step);
        }

        return Close(new Transition(Current(), TakePattern(), null, BatchStatus.Stopped, step.Name));
    }

    /// <summary>Sets the parameter validator.</summary>
    /// <param name="required">Required keys.</param>
    /// <param name="optional">Optional keys; when given, other keys are refused.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Validator(IReadOnlyCollection<string> required, IReadOnlyCollection<string>? optional = null)
    {
        _validator = new JobParametersValidator(required, optional ?? []);
        return this;
    }

    /// <summary>Sets the parameter validator, for example one that declares parameter types (<see cref="JobParametersValidator.Types"/>).</summary>
    /// <param name="validator">The validator.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Validator(JobParametersValidator validator)
    {
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
        return this;
    }

    /// <summary>Declares where the job's input files live (see <see cref="JobInput"/>).</summary>
    /// <param name="container">The blob container of the input files.</param>
    /// <param name="prefix">The prefix of the input blobs within the container; empty for all of it.</param>
    /// <param name="parameterName">The job parameter that receives the input blob's name.</param>
    /// <param name="triggerOnUpload">Whether a new or changed blob under the prefix starts the job by itself.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Input(string container, string prefix = "", string parameterName = "input.file", bool triggerOnUpload = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrEmpty(parameterName);
        _input = new JobInput(container, prefix, parameterName, triggerOnUpload);
        return this;
    }

    /// <summary>Sets how the parameters of the next instance are computed (used by <see cref="Execution.JobLauncher.StartNextInstanceAsync"/>).</summary>
    /// <param name="incrementer">The incrementer, such as <see cref="RunIdIncrementer"/>.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Incrementer(IJobParametersIncrementer incrementer)
    {
        ArgumentNullException.ThrowIfNull(incrementer);
        _incrementer = incrementer;
        return this;
    }

    /// <summary>Adds a job listener (see <see cref="IJobExecutionListener"/> for when it is called and what a failure does).</summary>
    /// <param name="listener">The listener.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Listener(IJobExecutionListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _listeners.Add(listener);
        return this;
    }

    /// <summary>Forbids restarting a failed or stopped execution (Spring Batch's preventRestart).</summary>
    /// <returns>This builder.</returns>
    public JobBuilder PreventRestart()
    {
        _restartable = false;
        return this;
    }

    /// <summary>Validates and builds the job.</summary>
    /// <returns>The job.</returns>
    /// <exception cref="InvalidOperationException">
    /// The job has no steps, an invalid name, a transition without a target, a decider without transitions, or a
    /// transition to a step or decider it does not have; the message lists every problem.
    /// </exception>
    public JobDefinition Build()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("the name must be letters, digits, '-', '_' or '.'");
        }

        if (_steps.Count == 0)
        {
            errors.Add("a job needs at least one step (call Start)");
        }

        if (_pattern is not null)
        {
            errors.Add($"On(\"{_pattern}\") has no To, End, Fail or StopAndRestart");
        }

        if (_input is { } input && InvalidContainerName(input.Container) is { } reason)
        {
            errors.Add($"the input container: {reason}");
        }

        var nodes = _steps.Select(s => s.Name).Concat(_deciders.Select(d => d.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var transition in _transitions)
        {
            foreach (var target in new[] { transition.To, transition.RestartAt }.OfType<string>().Where(t => !nodes.Contains(t)))
            {
                errors.Add($"the transition from '{transition.From}' on \"{transition.Pattern}\" goes to '{target}', which is not a step or decider of this job");
            }
        }

        foreach (var (deciderName, _) in _deciders.Where(d => !_transitions.Any(t => t.From == d.Name)))
        {
            errors.Add($"the decider '{deciderName}' has no transitions (add From(decider).On(…).To(…), End(), Fail() or StopAndRestart(…))");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Job '{name}' is invalid: {string.Join("; ", errors)}.");
        }

        return new JobDefinition(name, [.. _steps], [.. _transitions])
        {
            Validator = _validator,
            Restartable = _restartable,
            Incrementer = _incrementer,
            Listeners = [.. _listeners],
            Deciders = _deciders.ToDictionary(d => d.Name, d => d.Decider, StringComparer.Ordinal),
            StartNode = _start,
            Input = _input,
        };
    }

    private void EnsureNoStart()
    {
        if (_start is not null)
        {
            throw new InvalidOperationException($"Job '{name}' already starts with '{_start}'.");
        }
    }

    private static string? InvalidContainerName(string container)
    {
        try
        {
            BlobNames.ValidateContainerName(container);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private void Add(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (_steps.Any(s => s.Name == step.Name) || _deciders.Any(d => d.Name == step.Name))
        {
            throw new InvalidOperationException($"Job '{name}' already has a step or decider named '{step.Name}'.");
        }

        _steps.Add(step);
    }

    private string AddDecider(IJobExecutionDecider decider, string? deciderName)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (NameOf(decider) is { } existing)
        {
            throw new InvalidOperationException($"Job '{name}' already has this decider (as '{existing}'); use From(decider) to add transitions to it.");
        }

        var chosen = deciderName ?? $"decision{_deciders.Count + 1}";
        if (chosen.Length == 0 || chosen.Contains(':', StringComparison.Ordinal) || _steps.Any(s => s.Name == chosen) || _deciders.Any(d => d.Name == chosen))
        {
            throw new InvalidOperationException($"Job '{name}' cannot name a decider '{chosen}': the name is empty, has ':' or is taken.");
        }

        _deciders.Add((chosen, decider));
        return chosen;
    }

    private string? NameOf(IJobExecutionDecider decider) => _deciders.FirstOrDefault(d => ReferenceEquals(d.Decider, decider)).Name;

    private string Current() => _current ?? throw new InvalidOperationException($"Job '{name}': call Start or From before On.");

    private string TakePattern()
    {
        var pattern = _pattern ?? throw new InvalidOperationException($"Job '{name}': call On before To, End, Fail or StopAndRestart.");
        _pattern = null;
        return pattern;
    }

    private JobBuilder Close(Transition transition)
    {
        _transitions.Add(transition);
        return this;
    }
}
