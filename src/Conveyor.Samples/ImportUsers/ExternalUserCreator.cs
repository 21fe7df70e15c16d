using Conveyor.Batch.Item;

namespace Conveyor.Samples.ImportUsers;

/// <summary>Creates the external user of each local user; failures travel as exceptions the step's policy retries or skips.</summary>
/// <param name="client">The external user service.</param>
internal sealed class ExternalUserCreator(ExternalUserClient client) : IItemProcessor<LocalUser, ImportedUser>
{
    public async ValueTask<ImportedUser?> ProcessAsync(LocalUser item, CancellationToken cancellationToken = default) =>
        await client.CreateAsync(item, cancellationToken).ConfigureAwait(false);
}
