using Azure;
using Conveyor.Storage.Authentication;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Queues;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Queues;

public sealed class QueueServiceClientTests
{
    private readonly AzuriteFixture _azurite;

    public QueueServiceClientTests(AzuriteFixture azurite) => _azurite = azurite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetQueuesAsync_Prefix_ListsOnlyMatchingQueuesWithMetadata()
    {
        var service = new QueueServiceClient(_azurite.ConnectionString);
        var prefix = AzuriteFixture.UniqueName("list");
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            await service.GetQueueClient(prefix + suffix).CreateAsync(new Dictionary<string, string> { ["tag"] = suffix }, Ct);
        }

        await service.GetQueueClient(AzuriteFixture.UniqueName("other")).CreateAsync(cancellationToken: Ct);

        var queues = new List<QueueItem>();
        await foreach (var queue in service.GetQueuesAsync(prefix, Ct))
        {
            queues.Add(queue);
        }

        queues.Select(q => q.Name).ShouldBe([prefix + "a", prefix + "b", prefix + "c"]);
        queues.Select(q => q.Metadata["tag"]).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public async Task GetQueuesAsync_SmallPages_FollowsContinuation()
    {
        var service = new QueueServiceClient(_azurite.ConnectionString);
        var prefix = AzuriteFixture.UniqueName("page");
        for (var i = 0; i < 5; i++)
        {
            await service.GetQueueClient($"{prefix}{i}").CreateAsync(cancellationToken: Ct);
        }

        var pages = new List<int>();
        await foreach (var page in service.GetQueuesAsync(prefix, Ct).AsPages(pageSizeHint: 2))
        {
            pages.Add(page.Values.Count);
        }

        pages.ShouldBe([2, 2, 1]);
    }

    [Fact]
    public async Task GetQueueClient_SharedKeyCredential_SharesEncodingAndWorks()
    {
        var connection = StorageConnectionString.Parse(_azurite.ConnectionString);
        var service = new QueueServiceClient(
            connection.QueueEndpoint!,
            new StorageSharedKeyCredential(connection.AccountName, StorageConnectionString.DevelopmentAccountKey),
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var queue = service.GetQueueClient(AzuriteFixture.UniqueName("shared"));

        await queue.CreateIfNotExistsAsync(Ct);
        await queue.SendMessageAsync("plain", cancellationToken: Ct);

        queue.MessageEncoding.ShouldBe(QueueMessageEncoding.None);
        queue.Uri.ToString().ShouldBe($"{connection.QueueEndpoint!.ToString().TrimEnd('/')}/{queue.Name}");
        (await queue.PeekMessagesAsync(cancellationToken: Ct)).Value.Single().MessageText.ShouldBe("plain");
    }

    [Fact]
    public async Task GetQueueClient_SasCredential_Works()
    {
        var connection = StorageConnectionString.Parse(_azurite.ConnectionString);
        var service = new QueueServiceClient(connection.QueueEndpoint!, new AzureSasCredential(AccountSas.Create(connection)));
        var queue = service.GetQueueClient(AzuriteFixture.UniqueName("sas"));

        (await queue.CreateIfNotExistsAsync(Ct)).Value.ShouldBeTrue();
        await queue.SendMessageAsync("signed", cancellationToken: Ct);

        (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single().MessageText.ShouldBe("signed");
    }

    [Fact]
    public void GetQueueClient_InvalidName_ThrowsBeforeAnyRequest()
    {
        var service = new QueueServiceClient("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;QueueEndpoint=http://127.0.0.1:1/a");

        var error = Should.Throw<ArgumentException>(() => service.GetQueueClient("Bad_Name"));

        error.Message.ShouldContain("lower case");
        error.ParamName.ShouldBe("queueName");
    }
}
