using Conveyor.Batch.Core;
using Conveyor.Batch.Steps;
using Conveyor.Storage.Blobs;

namespace Conveyor.Batch.Jobs;

/// <summary>
/// Builds jobs the Spring Batch way: <c>new JobBuilder("football").Start(a).Next(b).Next(c).Build()</c>, with
/// conditional flows <c>.From(a).On("FAILED").To(recover)</c>, <c>.On("*").End()</c>, <c>.Fail()</c>, <c>.StopAndRestart(step)</c>.
/// </summary>
/// <param name="name">The job name: letters, digits, '-', '_' and '.'.</param>
public sealed class JobBuilder(string name)
{
    private readonly List<StepDefinition> _steps = [];
    private readonly List<Transition> _transitions = [];
    private string? _current;
    private string? _pattern;
    private JobParametersValidator? _validator;
    private bool _restartable = true;
    private JobInput? _input;

    /// <summary>Sets the first step.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public JobBuilder Start(StepDefinition step)
    {
        if (_steps.Count > 0)
        {
            throw new InvalidOperationException($"Job '{name}' already has a first step ('{_steps[0].Name}').");
        }

        Add(step);
        _current = step.Name;
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

    /// <summary>Makes a step already added current, to declare its transitions.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public JobBuilder From(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _current = _steps.Any(s => s.Name == step.Name) ? step.Name : throw new InvalidOperationException($"Job '{name}': step '{step.Name}' was not added yet.");
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

    /// <summary>Ends the job COMPLETED.</summary>
    /// <returns>This builder.</returns>
    public JobBuilder End() => Close(new Transition(Current(), TakePattern(), null, BatchStatus.Completed));

    /// <summary>Ends the job FAILED (restartable).</summary>
    /// <returns>This builder.</returns>
    public JobBuilder Fail() => Close(new Transition(Current(), TakePattern(), null, BatchStatus.Failed));

    /// <summary>Stops the job (STOPPED); a restart begins at <paramref name="step"/>.</summary>
    /// <param name="step">Where a restart begins.</param>
    /// <returns>This builder.</returns>
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

    /// <summary>Forbids restarting a failed or stopped execution (Spring Batch's preventRestart).</summary>
    /// <returns>This builder.</returns>
    public JobBuilder PreventRestart()
    {
        _restartable = false;
        return this;
    }

    /// <summary>Validates and builds the job.</summary>
    /// <returns>The job.</returns>
    /// <exception cref="InvalidOperationException">The job has no steps, an invalid name, or a dangling transition.</exception>
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

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Job '{name}' is invalid: {string.Join("; ", errors)}.");
        }

        return new JobDefinition(name, [.. _steps], [.. _transitions]) { Validator = _validator, Restartable = _restartable, Input = _input };
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
        if (_steps.Any(s => s.Name == step.Name))
        {
            throw new InvalidOperationException($"Job '{name}' already has a step named '{step.Name}'.");
        }

        _steps.Add(step);
    }

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
