using System.Net.Mail;
using Conveyor.Batch.Item;

namespace Conveyor.Samples.ImportUsers;

/// <summary>Validates a users CSV record and turns it into a <see cref="LocalUser"/> (Spring Batch's ValidatingItemProcessor).</summary>
/// <remarks>An invalid record throws <see cref="InvalidUserException"/>, which the step skips: the skip records the line and the reason.</remarks>
internal sealed class UserValidator : IItemProcessor<UserRecord, LocalUser>
{
    private const int MaxUserIdLength = 64;

    public ValueTask<LocalUser?> ProcessAsync(UserRecord item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.UserId.Length is 0 or > MaxUserIdLength || !item.UserId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new InvalidUserException($"The user id '{item.UserId}' must be 1 to {MaxUserIdLength} letters, digits, '.', '_' or '-'.");
        }

        // MailAddress also accepts "Name <a@b.c>" and trims; only a bare address that round-trips is an email here.
        if (!MailAddress.TryCreate(item.Email, out var address) || address.Address != item.Email)
        {
            throw new InvalidUserException($"The email '{item.Email}' of user '{item.UserId}' is not a valid address.");
        }

        if (item.Name.Length == 0)
        {
            throw new InvalidUserException($"The name of user '{item.UserId}' is empty.");
        }

        return ValueTask.FromResult<LocalUser?>(new LocalUser(item.UserId, item.Email, item.Name, item.Line));
    }
}
