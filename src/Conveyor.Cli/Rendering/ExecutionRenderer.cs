using System.Globalization;
using Conveyor.Cli.Remote;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Conveyor.Cli.Rendering;

/// <summary>Tables of executions, steps and jobs. Markup is escaped everywhere: names and messages come from users.</summary>
internal static class ExecutionRenderer
{
    /// <summary>Writes an execution: a status line, its steps (with partitions when there are several) and its failures.</summary>
    /// <param name="console">The console.</param>
    /// <param name="execution">The execution.</param>
    public static void WriteSummary(IAnsiConsole console, ExecutionReport execution)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(execution);
        var duration = Duration(execution.StartedAt ?? execution.CreatedAt, execution.EndedAt);
        console.MarkupLine(
            $"Job [bold]{Markup.Escape(execution.JobName ?? "?")}[/] execution {Markup.Escape(execution.Id)}: {Status(execution.Status)}"
            + (execution.ExitCode is { Length: > 0 } code && !code.Equals(execution.Status, StringComparison.OrdinalIgnoreCase) ? $" (exit code {Markup.Escape(code)})" : string.Empty)
            + (duration.Length > 0 ? $" in {duration}" : string.Empty)
            + (execution.RestartOf is { Length: > 0 } of ? $", restart of {Markup.Escape(of)}" : string.Empty));
        if (execution.Steps.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Step").AddColumn("Status")
                .AddColumn(new TableColumn("Read").RightAligned()).AddColumn(new TableColumn("Written").RightAligned())
                .AddColumn(new TableColumn("Filtered").RightAligned()).AddColumn(new TableColumn("Skipped").RightAligned())
                .AddColumn(new TableColumn("Commits").RightAligned()).AddColumn(new TableColumn("Duration").RightAligned());
            foreach (var step in execution.Steps)
            {
                AddStepRow(table, step, step.Name);
                if (step.Partitions.Count > 1)
                {
                    foreach (var partition in step.Partitions)
                    {
                        AddStepRow(table, partition, "  " + partition.Name);
                    }
                }
            }

            console.Write(table);
        }

        foreach (var failure in execution.Failures.Concat(execution.IsCompleted || execution.ExitDescription is not { Length: > 0 } ? [] : [execution.ExitDescription]).Distinct())
        {
            console.MarkupLine($"[red]failure:[/] {Markup.Escape(failure)}");
        }
    }

    /// <summary>Writes a table of executions, newest first.</summary>
    /// <param name="console">The console.</param>
    /// <param name="executions">The executions.</param>
    public static void WriteExecutions(IAnsiConsole console, IReadOnlyList<ExecutionReport> executions)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(executions);
        if (executions.Count == 0)
        {
            console.WriteLine("No executions.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Execution").AddColumn("Job").AddColumn("Status").AddColumn("Created (UTC)").AddColumn(new TableColumn("Duration").RightAligned()).AddColumn("Parameters");
        foreach (var execution in executions)
        {
            table.AddRow(
                new Text(execution.Id),
                new Text(execution.JobName ?? string.Empty),
                new Markup(Status(execution.Status)),
                new Text(execution.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty),
                new Text(Duration(execution.StartedAt ?? execution.CreatedAt, execution.EndedAt)),
                new Text(string.Join(' ', (execution.Parameters ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.Text}"))));
        }

        console.Write(table);
    }

    /// <summary>Writes a table of the jobs an app can run.</summary>
    /// <param name="console">The console.</param>
    /// <param name="jobs">The jobs.</param>
    public static void WriteJobs(IAnsiConsole console, IReadOnlyList<JobSummary> jobs)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            console.WriteLine("No jobs are registered.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Job").AddColumn("Steps").AddColumn("Required parameters").AddColumn("Optional parameters").AddColumn("Input files").AddColumn("Restartable");
        foreach (var job in jobs)
        {
            table.AddRow(
                new Text(job.Name),
                new Text(string.Join(" → ", job.Steps)),
                new Text(string.Join(", ", job.RequiredParameters)),
                new Text(job.OptionalParameters.Count == 0 ? "(any)" : string.Join(", ", job.OptionalParameters)),
                new Text(job.Input is { } input ? $"{input.Container}/{input.Prefix} → {input.ParameterName}{(input.TriggerOnUpload ? " (upload starts it)" : string.Empty)}" : string.Empty),
                new Text(job.Restartable ? "yes" : "no"));
        }

        console.Write(table);
    }

    /// <summary>Returns the status as markup, coloured by outcome.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The markup.</returns>
    public static string Status(string status)
    {
        var text = Markup.Escape(status.ToUpperInvariant());
        return text switch
        {
            "COMPLETED" => $"[green]{text}[/]",
            "FAILED" or "ABANDONED" or "UNKNOWN" => $"[red]{text}[/]",
            "STOPPED" or "STOPPING" => $"[yellow]{text}[/]",
            _ => $"[blue]{text}[/]",
        };
    }

    /// <summary>Returns a duration as text (<c>850 ms</c>, <c>12.3 s</c>, <c>4m 05s</c>, <c>2h 03m</c>); empty when it has not started.</summary>
    /// <param name="start">When it started.</param>
    /// <param name="end">When it ended; null for now.</param>
    /// <returns>The text.</returns>
    public static string Duration(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is not { } from)
        {
            return string.Empty;
        }

        var span = (end ?? DateTimeOffset.UtcNow) - from;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 1 ? $"{span.TotalMilliseconds:0} ms"
            : span.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s")
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s"
            : $"{(int)span.TotalHours}h {span.Minutes:00}m";
    }

    private static void AddStepRow(Table table, StepReport step, string name)
    {
        table.AddRow(
            new IRenderable[]
            {
                new Text(name),
                new Markup(Status(step.Status)),
                Count(step.ReadCount),
                Count(step.WriteCount),
                Count(step.FilterCount),
                Count(step.SkipCount),
                Count(step.CommitCount),
                new Text(Duration(step.StartedAt, step.EndedAt)),
            });
    }

    private static Text Count(long value) => new(value.ToString("N0", CultureInfo.InvariantCulture));
}
