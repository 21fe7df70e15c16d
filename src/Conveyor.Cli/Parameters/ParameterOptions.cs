using System.CommandLine;
using System.CommandLine.Parsing;

namespace Conveyor.Cli.Parameters;

/// <summary>The <c>--param</c> and <c>--non-identifying</c> options of a command, and the parameters they give.</summary>
internal sealed class ParameterOptions
{
    /// <summary>The help text of <c>--param</c>.</summary>
    public const string ParamHelp =
        "A job parameter, repeatable: " + ParameterSpec.Syntax + ". Examples: --param region=emea --param run:long=5 --param rate:double=1.5 --param day:date=2026-11-20.";

    /// <summary>Initializes a new instance of the <see cref="ParameterOptions"/> class and adds the options to <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="allowNonIdentifying">Whether the command also takes <c>--non-identifying</c>.</param>
    public ParameterOptions(Command command, bool allowNonIdentifying = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        Param = new Option<List<ParameterSpec>>("--param", "-p")
        {
            Description = ParamHelp,
            HelpName = "name[:type]=value",
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = Parse,
        };
        command.Add(Param);
        if (allowNonIdentifying)
        {
            NonIdentifying = new Option<List<string>>("--non-identifying")
            {
                Description = "Names a --param that is not part of the JobInstance identity (a new value does not make a new instance), repeatable.",
                HelpName = "name",
                Arity = ArgumentArity.ZeroOrMore,
            };
            command.Add(NonIdentifying);
        }
    }

    /// <summary>Gets the <c>--param</c> option.</summary>
    public Option<List<ParameterSpec>> Param { get; }

    /// <summary>Gets the <c>--non-identifying</c> option, if the command has it.</summary>
    public Option<List<string>>? NonIdentifying { get; }

    /// <summary>Returns the parameters of a parse, with <c>--non-identifying</c> applied.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The parameters, in command-line order.</returns>
    /// <exception cref="CliUsageException">A <c>--non-identifying</c> name has no <c>--param</c>.</exception>
    public IReadOnlyList<ParameterSpec> GetValues(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parameters = result.GetValue(Param) ?? [];
        var nonIdentifying = NonIdentifying is null ? [] : result.GetValue(NonIdentifying) ?? [];
        var unknown = nonIdentifying.Where(n => !parameters.Any(p => p.Name == n)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException($"--non-identifying names no --param: {string.Join(", ", unknown)}");
        }

        return [.. parameters.Select(p => nonIdentifying.Contains(p.Name) ? p with { Identifying = false } : p)];
    }

    private static List<ParameterSpec> Parse(ArgumentResult result)
    {
        var parameters = new List<ParameterSpec>();
        foreach (var token in result.Tokens)
        {
            if (!ParameterSpec.TryParse(token.Value, out var spec, out var error))
            {
                result.AddError(error!);
                continue;
            }

            if (parameters.Any(p => p.Name == spec!.Name))
            {
                result.AddError($"invalid --param '{token.Value}': '{spec!.Name}' is given twice");
                continue;
            }

            parameters.Add(spec!);
        }

        return parameters;
    }
}
