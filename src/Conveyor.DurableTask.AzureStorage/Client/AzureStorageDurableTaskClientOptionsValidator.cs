using Microsoft.Extensions.Options;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>Validates client options when they are first read, with every problem in one message.</summary>
internal sealed class AzureStorageDurableTaskClientOptionsValidator : IValidateOptions<AzureStorageDurableTaskClientOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureStorageDurableTaskClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.TaskHub?.Validate() ?? ["TaskHub must be set."]);
        if (options.MaxStatusPollingInterval <= TimeSpan.Zero)
        {
            errors.Add($"MaxStatusPollingInterval ({options.MaxStatusPollingInterval}) must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
