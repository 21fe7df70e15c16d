using Conveyor.Samples.ImportUsers;

namespace Conveyor.Samples.Tests.ImportUsers;

public sealed class UserValidatorTests
{
    [Fact]
    public async Task ProcessAsync_ValidRecord_ReturnsTheLocalUserWithItsLine()
    {
        var user = await new UserValidator().ProcessAsync(new UserRecord("a.b-c_1", "a@example.com", "A B", 12), TestContext.Current.CancellationToken);

        user.ShouldBe(new LocalUser("a.b-c_1", "a@example.com", "A B", 12));
    }

    [Theory]
    [InlineData("", "a@example.com", "A", "The user id '' must be 1 to 64 letters, digits, '.', '_' or '-'.")]
    [InlineData("a/b", "a@example.com", "A", "The user id 'a/b' must be 1 to 64 letters, digits, '.', '_' or '-'.")]
    [InlineData("a", "A <a@example.com>", "A", "The email 'A <a@example.com>' of user 'a' is not a valid address.")]
    [InlineData("a", "a@", "A", "The email 'a@' of user 'a' is not a valid address.")]
    [InlineData("a", "", "A", "The email '' of user 'a' is not a valid address.")]
    [InlineData("a", "a@example.com", "", "The name of user 'a' is empty.")]
    public async Task ProcessAsync_InvalidRecord_ThrowsWithTheReason(string userId, string email, string name, string reason)
    {
        var error = await Should.ThrowAsync<InvalidUserException>(
            async () => await new UserValidator().ProcessAsync(new UserRecord(userId, email, name, 2), TestContext.Current.CancellationToken));

        error.Message.ShouldBe(reason);
    }
}
