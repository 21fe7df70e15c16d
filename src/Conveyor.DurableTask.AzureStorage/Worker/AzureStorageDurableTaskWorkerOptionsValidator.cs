using Microsoft.Extensions.Options;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>Validates worker options when they are first read, with every problem in one message.</summary>
internal sealed class AzureStorageDurableTaskWorkerOptionsValidator : IValidateOptions<AzureStorageDurableTaskWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureStorageDurableTaskWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.TaskHub?.Validate() ?? ["TaskHub must be set."];
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
