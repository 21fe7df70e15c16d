using Conveyor.Samples.ImportUsers;

namespace Conveyor.Samples.Tests.ImportUsers;

public sealed class ExternalUserClientTests
{
    private static readonly LocalUser Alice = new("alice", "alice@example.com", "Alice", 2);

    [Fact]
    public async Task CreateAsync_NewThenKnownUser_CreatedThenExisting()
    {
        await using var service = await FakeUserService.StartAsync();
        var client = Client(service.BaseAddress);

        var first = await client.CreateAsync(Alice, TestContext.Current.CancellationToken);
        var second = await client.CreateAsync(Alice, TestContext.Current.CancellationToken);

        first.ShouldBe(new ImportedUser("alice", "ext-alice", ImportedUser.Created));
        second.ShouldBe(new ImportedUser("alice", "ext-alice", ImportedUser.Existing));
    }

    [Fact]
    public async Task CreateAsync_503_Unavailable()
    {
        await using var service = await FakeUserService.StartAsync();
        service.Unavailable["alice"] = true;

        var error = await Should.ThrowAsync<ExternalUserServiceUnavailableException>(() => Client(service.BaseAddress).CreateAsync(Alice, TestContext.Current.CancellationToken));

        error.Message.ShouldBe("The external user service answered 503 for user 'alice': Service Unavailable");
    }

    [Fact]
    public async Task CreateAsync_400_RejectedWithTheStatusAndBody()
    {
        await using var service = await FakeUserService.StartAsync();
        service.Rejected["alice"] = true;

        var error = await Should.ThrowAsync<ExternalUserRejectedException>(() => Client(service.BaseAddress).CreateAsync(Alice, TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(400);
        error.Message.ShouldBe("The external user service refused user 'alice' with 400: the email domain is not allowed");
    }

    [Fact]
    public async Task CreateAsync_SlowerThanTheTimeout_Unavailable()
    {
        await using var service = await FakeUserService.StartAsync();
        service.Slow["alice"] = true;
        var client = new ExternalUserClient(new ExternalUserServiceOptions { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) });

        var error = await Should.ThrowAsync<ExternalUserServiceUnavailableException>(() => client.CreateAsync(Alice, TestContext.Current.CancellationToken));

        error.Message.ShouldBe("The external user service did not answer within 0.3 s.");
    }

    [Fact]
    public async Task CreateAsync_NothingListening_UnavailableWithoutTheAddress()
    {
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        var error = await Should.ThrowAsync<ExternalUserServiceUnavailableException>(
            () => Client(new Uri("http://127.0.0.1:9/secret-key/")).CreateAsync(Alice, TestContext.Current.CancellationToken));

        error.Message.ShouldStartWith("The external user service could not be reached");
        error.Message.ShouldNotContain("secret-key");
    }

    private static ExternalUserClient Client(Uri baseAddress) => new(new ExternalUserServiceOptions { BaseAddress = baseAddress });
}
