using System.Globalization;
using Conveyor.Cli.Remote;
using Spectre.Console;

namespace Conveyor.Cli.Rendering;

/// <summary>
/// Shows a running execution until it ends: live progress bars per step and partition on an interactive terminal,
/// otherwise one plain line per status change (so logs and pipes stay readable).
/// </summary>
/// <param name="console">The console.</param>
internal sealed class ProgressView(IAnsiConsole console)
{
    /// <summary>Shows each status read from <paramref name="updates"/> and returns the last one.</summary>
    /// <param name="updates">The statuses, the last one ended (or the last before cancellation).</param>
    /// <returns>The last status, or null when there was none.</returns>
    public async Task<ExecutionReport?> ShowAsync(IAsyncEnumerable<ExecutionReport> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi
            ? await ShowBarsAsync(updates)
            : await ShowLinesAsync(updates);
    }

    private static string Counts(StepReport step)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"read {step.ReadCount:N0}, written {step.WriteCount:N0}");
        if (step.FilterCount > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", filtered {step.FilterCount:N0}");
        }

        return step.SkipCount > 0 ? text + string.Create(CultureInfo.InvariantCulture, $", skipped {step.SkipCount:N0}") : text;
    }

    private static IEnumerable<StepReport> Rows(ExecutionReport report) =>
        report.Steps.SelectMany(s => s.Partitions.Count > 1 ? [s, .. s.Partitions] : new[] { s });

    private async Task<ExecutionReport?> ShowLinesAsync(IAsyncEnumerable<ExecutionReport> updates)
    {
        ExecutionReport? last = null;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var report in updates)
        {
            if (last is null || !last.Status.Equals(report.Status, StringComparison.OrdinalIgnoreCase))
            {
                console.WriteLine($"{report.JobName} {report.Id}: {report.Status.ToUpperInvariant()}");
            }

            foreach (var step in Rows(report))
            {
                var status = step.Status.ToUpperInvariant();
                if (!seen.TryGetValue(step.Name, out var before) || before != status)
                {
                    seen[step.Name] = status;
                    console.WriteLine($"  {step.Name}: {status}{(step.IsRunning ? string.Empty : " (" + Counts(step) + ")")}");
                }
            }

            last = report;
        }

        return last;
    }

    private async Task<ExecutionReport?> ShowBarsAsync(IAsyncEnumerable<ExecutionReport> updates)
    {
        ExecutionReport? last = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                await foreach (var report in updates)
                {
                    foreach (var step in Rows(report))
                    {
                        if (!tasks.TryGetValue(step.Name, out var task))
                        {
                            task = context.AddTask(Markup.Escape(step.Name), autoStart: true, maxValue: 100);
                            tasks[step.Name] = task;
                        }

                        Update(task, step);
                    }

                    last = report;
                }
            });
        return last;
    }

    private static void Update(ProgressTask task, StepReport step)
    {
        var indent = step.Name.Contains(':', StringComparison.Ordinal) ? "  " : string.Empty;
        task.Description = $"{indent}{Markup.Escape(step.Name)} {ExecutionRenderer.Status(step.Status)} [grey]{Markup.Escape(Counts(step))}[/]";
        if (!step.IsRunning)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
        else if (step.Progress is { } progress)
        {
            task.IsIndeterminate = false;
            task.Value = Math.Clamp(progress, 0, 1) * 100;
        }
        else
        {
            task.IsIndeterminate = true;
        }
    }
}
