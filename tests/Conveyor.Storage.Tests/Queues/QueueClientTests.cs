using System.Text;
using Azure;
using Conveyor.Storage.Queues;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Queues;

public sealed class QueueClientTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly AzuriteFixture _azurite;

    public QueueClientTests(AzuriteFixture azurite) => _azurite = azurite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateIfNotExistsAsync_NewThenExisting_ReportsCreatedOnlyOnce()
    {
        var queue = new QueueClient(_azurite.ConnectionString, AzuriteFixture.UniqueName("create"));

        (await queue.ExistsAsync(Ct)).ShouldBeFalse();
        var first = await queue.CreateIfNotExistsAsync(Ct);
        var second = await queue.CreateIfNotExistsAsync(Ct);

        first.Value.ShouldBeTrue();
        first.GetRawResponse().Status.ShouldBe(201);
        second.Value.ShouldBeFalse();
        (await queue.ExistsAsync(Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_ExistsWithOtherMetadata_ReturnsFalseAndKeepsMetadata()
    {
        var queue = new QueueClient(_azurite.ConnectionString, AzuriteFixture.UniqueName("meta"));
        await queue.CreateAsync(new Dictionary<string, string> { ["owner"] = "first" }, Ct);

        var created = await queue.CreateIfNotExistsAsync(new Dictionary<string, string> { ["owner"] = "second" }, Ct);

        created.Value.ShouldBeFalse();
        (await queue.GetPropertiesAsync(Ct)).Value.Metadata["owner"].ShouldBe("first");
    }

    [Fact]
    public async Task DeleteIfExistsAsync_ExistingThenMissing_ReportsDeletedOnlyOnce()
    {
        var queue = await NewQueueAsync();

        (await queue.DeleteIfExistsAsync(Ct)).Value.ShouldBeTrue();
        (await queue.DeleteIfExistsAsync(Ct)).Value.ShouldBeFalse();
        (await queue.ExistsAsync(Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task SendMessageAsync_MissingQueue_ThrowsQueueNotFound()
    {
        var queue = new QueueClient(_azurite.ConnectionString, AzuriteFixture.UniqueName("missing"));

        var error = await Should.ThrowAsync<RequestFailedException>(() => queue.SendMessageAsync("x", cancellationToken: Ct));

        error.Status.ShouldBe(404);
        error.ErrorCode.ShouldBe("QueueNotFound");
    }

    [Fact]
    public async Task SendMessageAsync_VisibilityDelay_NotReceivableBeforeButAfter()
    {
        var queue = await NewQueueAsync();

        var receipt = await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(2), cancellationToken: Ct);

        receipt.Value.TimeNextVisible.ShouldBeGreaterThan(receipt.Value.InsertionTime);
        (await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value.ShouldBeEmpty();
        var received = await Poll.UntilAsync(
            async () => (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value, m => m.Length > 0, Deadline, "the delayed message");
        received.Single().MessageText.ShouldBe("later");
        received.Single().MessageId.ShouldBe(receipt.Value.MessageId);
    }

    [Fact]
    public async Task SendMessageAsync_ShortTimeToLive_MessageExpires()
    {
        var queue = await NewQueueAsync();

        var receipt = await queue.SendMessageAsync("brief", timeToLive: TimeSpan.FromSeconds(2), cancellationToken: Ct);

        (receipt.Value.ExpirationTime - receipt.Value.InsertionTime).ShouldBe(TimeSpan.FromSeconds(2));
        (await queue.PeekMessagesAsync(cancellationToken: Ct)).Value.Length.ShouldBe(1);
        await Poll.UntilAsync(
            async () => (await queue.PeekMessagesAsync(cancellationToken: Ct)).Value, m => m.Length == 0, Deadline, "the message to expire");
    }

    [Fact]
    public async Task SendMessageAsync_InfiniteTimeToLive_NeverExpires()
    {
        var queue = await NewQueueAsync();

        var receipt = await queue.SendMessageAsync("forever", timeToLive: QueueClient.InfiniteTimeToLive, cancellationToken: Ct);
        var alsoForever = await queue.SendMessageAsync("forever", timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: Ct);

        receipt.Value.ExpirationTime.Year.ShouldBe(9999);
        alsoForever.Value.ExpirationTime.Year.ShouldBe(9999);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_ThirtyFiveQueued_ReturnsAtMost32PerCall()
    {
        var queue = await NewQueueAsync();
        await Task.WhenAll(Enumerable.Range(0, 35).Select(i => queue.SendMessageAsync($"m{i}", cancellationToken: Ct)));

        var first = await queue.ReceiveMessagesAsync(32, cancellationToken: Ct);
        var rest = await queue.ReceiveMessagesAsync(32, cancellationToken: Ct);

        first.Value.Length.ShouldBe(32);
        rest.Value.Length.ShouldBe(3);
        first.Value.Concat(rest.Value).Select(m => m.MessageText).Order()
            .ShouldBe(Enumerable.Range(0, 35).Select(i => $"m{i}").Order());
        first.Value.ShouldAllBe(m => m.DequeueCount == 1 && m.PopReceipt.Length > 0 && m.NextVisibleOn > m.InsertedOn);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_VisibilityTimeoutExpires_MessageReappearsWithDequeueCountTwo()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("again", cancellationToken: Ct);

        var first = (await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: Ct)).Value.Single();
        var second = (await Poll.UntilAsync(
            async () => (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value, m => m.Length > 0, Deadline, "the message to reappear")).Single();

        first.DequeueCount.ShouldBe(1);
        second.MessageId.ShouldBe(first.MessageId);
        second.DequeueCount.ShouldBe(2);
        second.PopReceipt.ShouldNotBe(first.PopReceipt);
    }

    [Fact]
    public async Task UpdateMessageAsync_NewContentAndVisibility_OldPopReceiptStopsWorking()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("v1", cancellationToken: Ct);
        var received = (await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5), cancellationToken: Ct)).Value.Single();

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "v2 <&>", TimeSpan.Zero, Ct);

        update.Value.PopReceipt.ShouldNotBe(received.PopReceipt);
        var stale = await Should.ThrowAsync<RequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, Ct));
        stale.Status.ShouldBeOneOf(400, 404);
        stale.ErrorCode.ShouldBeOneOf("PopReceiptMismatch", "MessageNotFound");
        var again = (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single();
        again.MessageText.ShouldBe("v2 <&>");
        again.DequeueCount.ShouldBe(2);
    }

    [Fact]
    public async Task UpdateMessageAsync_VisibilityOnly_KeepsBodyAndHidesMessage()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync(new BinaryData(new byte[] { 0, 1, 2, 255 }), cancellationToken: Ct);
        var received = (await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: Ct)).Value.Single();

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(5), cancellationToken: Ct);

        update.Value.NextVisibleOn.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(4));
        var peeked = (await queue.PeekMessagesAsync(cancellationToken: Ct)).Value;
        peeked.ShouldBeEmpty();
        await queue.UpdateMessageAsync(received.MessageId, update.Value.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: Ct);
        (await queue.PeekMessagesAsync(cancellationToken: Ct)).Value.Single().Body.ToArray().ShouldBe(new byte[] { 0, 1, 2, 255 });
    }

    [Fact]
    public async Task DeleteMessageAsync_WithPopReceipt_RemovesMessageAndSecondDeleteIs404()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("bye", cancellationToken: Ct);
        var received = (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single();

        var deleted = await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, Ct);

        deleted.Status.ShouldBe(204);
        (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount.ShouldBe(0);
        var again = await Should.ThrowAsync<RequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, Ct));
        again.Status.ShouldBe(404);
        again.ErrorCode.ShouldBe("MessageNotFound");
    }

    [Fact]
    public async Task PeekMessagesAsync_Repeatedly_DoesNotChangeDequeueCountOrHide()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("look", cancellationToken: Ct);

        var first = (await queue.PeekMessagesAsync(32, Ct)).Value.Single();
        var second = (await queue.PeekMessagesAsync(32, Ct)).Value.Single();
        var received = (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single();

        first.DequeueCount.ShouldBe(0);
        second.DequeueCount.ShouldBe(0);
        second.MessageText.ShouldBe("look");
        received.DequeueCount.ShouldBe(1);
    }

    [Fact]
    public async Task GetPropertiesAsync_AfterSends_ReportsApproximateCountAndMetadata()
    {
        var queue = new QueueClient(_azurite.ConnectionString, AzuriteFixture.UniqueName("props"));
        await queue.CreateAsync(new Dictionary<string, string> { ["hub"] = "conveyor" }, Ct);
        await Task.WhenAll(Enumerable.Range(0, 7).Select(i => queue.SendMessageAsync("x", cancellationToken: Ct)));
        await queue.SetMetadataAsync(new Dictionary<string, string> { ["hub"] = "conveyor", ["Partition_Count"] = "4" }, Ct);

        var properties = (await queue.GetPropertiesAsync(Ct)).Value;

        properties.ApproximateMessagesCount.ShouldBe(7);
        properties.Metadata["hub"].ShouldBe("conveyor");
        properties.Metadata["partition_count"].ShouldBe("4");
    }

    [Fact]
    public async Task ClearMessagesAsync_WithMessages_EmptiesQueue()
    {
        var queue = await NewQueueAsync();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => queue.SendMessageAsync("x", cancellationToken: Ct)));

        await queue.ClearMessagesAsync(Ct);

        (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount.ShouldBe(0);
        (await queue.PeekMessagesAsync(32, Ct)).Value.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(QueueMessageEncoding.Base64)]
    [InlineData(QueueMessageEncoding.None)]
    public async Task SendMessageAsync_AwkwardText_RoundTripsInEitherEncoding(QueueMessageEncoding encoding)
    {
        var queue = await NewQueueAsync(encoding);
        string[] texts =
        [
            "<QueueMessage>&amp; \"quoted\" 'single' </MessageText>",
            "héllo wörld — 日本語 🚚 \u00A0",
            "  leading and trailing spaces  ",
            "tab\tnewline\nreturn\r\nend\r",
            string.Empty,
            "]]> <![CDATA[ x ]]>",
        ];

        foreach (var text in texts)
        {
            await queue.SendMessageAsync(text, cancellationToken: Ct);
        }

        var received = (await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value;
        received.Select(m => m.MessageText).Order(StringComparer.Ordinal).ShouldBe(texts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendMessageAsync_Base64Encoding_PutsBase64OnTheWire()
    {
        var name = AzuriteFixture.UniqueName("wire");
        var writer = new QueueClient(_azurite.ConnectionString, name);
        var raw = new QueueClient(_azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await writer.CreateIfNotExistsAsync(Ct);

        await writer.SendMessageAsync("héllo", cancellationToken: Ct);

        (await raw.PeekMessagesAsync(cancellationToken: Ct)).Value.Single().MessageText
            .ShouldBe(Convert.ToBase64String(Encoding.UTF8.GetBytes("héllo")));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_Base64ClientReadingUnencodedText_ThrowsFormatExceptionNamingTheMessage()
    {
        var name = AzuriteFixture.UniqueName("notb");
        var raw = new QueueClient(_azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await raw.CreateIfNotExistsAsync(Ct);
        var sent = await raw.SendMessageAsync("not base64!", cancellationToken: Ct);

        var error = await Should.ThrowAsync<FormatException>(() => new QueueClient(_azurite.ConnectionString, name).PeekMessagesAsync(cancellationToken: Ct));

        error.Message.ShouldContain(sent.Value.MessageId);
        error.Message.ShouldContain("QueueMessageEncoding.None");
    }

    [Fact]
    public async Task SendMessageAsync_BinaryBody_RoundTripsEveryByte()
    {
        var queue = await NewQueueAsync();
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE }).ToArray();

        await queue.SendMessageAsync(new BinaryData(bytes), cancellationToken: Ct);

        (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single().Body.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public async Task SendMessageAsync_LargestMessage_IsAccepted()
    {
        var base64 = await NewQueueAsync();
        var none = await NewQueueAsync(QueueMessageEncoding.None);
        var body = new byte[48 * 1024];
        Random.Shared.NextBytes(body);
        // ASCII at full size: Azurite decodes request chunks separately, so a multi-byte character split across
        // chunks turns into replacement characters there (the real service does not). Escapes count once.
        var text = "<&>" + new string('a', (64 * 1024) - 3);

        await base64.SendMessageAsync(new BinaryData(body), cancellationToken: Ct);
        await none.SendMessageAsync(text, cancellationToken: Ct);

        (await base64.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single().Body.ToArray().ShouldBe(body);
        (await none.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single().MessageText.ShouldBe(text);
    }

    [Fact]
    public void QueueClient_InvalidName_ThrowsBeforeAnyRequest()
    {
        // Port 1 has no listener: a request would fail differently.
        const string Unreachable = "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;QueueEndpoint=http://127.0.0.1:1/a";

        Should.Throw<ArgumentException>(() => new QueueClient(Unreachable, "Upper")).Message.ShouldContain("lower case");
        Should.Throw<ArgumentException>(() => new QueueClient(Unreachable, "ab")).Message.ShouldContain("3 to 63");
        Should.Throw<ArgumentException>(() => new QueueClient(Unreachable, new string('a', 64))).Message.ShouldContain("3 to 63");
        Should.Throw<ArgumentException>(() => new QueueClient(Unreachable, "-abc")).Message.ShouldContain("start and end");
        Should.Throw<ArgumentException>(() => new QueueClient(Unreachable, "abc-")).Message.ShouldContain("start and end");
        Should.Throw<ArgumentException>(() => new QueueClient(Unreachable, "ab--c")).Message.ShouldContain("consecutive hyphens");
        Should.Throw<ArgumentException>(() => new QueueClient(Unreachable, "ab_c")).Message.ShouldContain("letters, digits and hyphens");
        Should.Throw<ArgumentException>(() => new QueueClient(Unreachable, "a.bc")).ParamName.ShouldBe("queueName");
        new QueueClient(Unreachable, "a-1-b").Name.ShouldBe("a-1-b");
        new QueueClient(Unreachable, new string('z', 63)).Name.Length.ShouldBe(63);
    }

    [Fact]
    public async Task SendMessageAsync_InvalidArguments_ThrowBeforeAnyRequest()
    {
        var unreachable = new QueueClient(
            "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;QueueEndpoint=http://127.0.0.1:1/a",
            "anyqueue",
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var base64 = new QueueClient(
            "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;QueueEndpoint=http://127.0.0.1:1/a", "anyqueue");

        (await Should.ThrowAsync<ArgumentException>(() => unreachable.SendMessageAsync(new string('x', 65537), cancellationToken: Ct)))
            .Message.ShouldContain("64 KiB");
        (await Should.ThrowAsync<ArgumentException>(() => base64.SendMessageAsync(new BinaryData(new byte[49153]), cancellationToken: Ct)))
            .Message.ShouldContain("after base64");
        (await Should.ThrowAsync<ArgumentException>(() => unreachable.SendMessageAsync("bell\u0007", cancellationToken: Ct)))
            .Message.ShouldContain("U+0007 at index 4");
        (await Should.ThrowAsync<ArgumentException>(() => unreachable.SendMessageAsync("lone \uD800 surrogate", cancellationToken: Ct)))
            .Message.ShouldContain("U+D800");
        (await Should.ThrowAsync<ArgumentException>(() => unreachable.SendMessageAsync(new BinaryData(new byte[] { 0xFF }), cancellationToken: Ct)))
            .Message.ShouldContain("not valid UTF-8");
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.SendMessageAsync("x", TimeSpan.FromDays(8), cancellationToken: Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.SendMessageAsync("x", TimeSpan.FromSeconds(-2), cancellationToken: Ct));
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.SendMessageAsync("x", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), Ct)))
            .Message.ShouldContain("shorter than the time to live");
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.SendMessageAsync("x", timeToLive: TimeSpan.Zero, cancellationToken: Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.ReceiveMessagesAsync(0, cancellationToken: Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.ReceiveMessagesAsync(33, cancellationToken: Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.ReceiveMessagesAsync(1, TimeSpan.Zero, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.PeekMessagesAsync(33, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => unreachable.UpdateMessageAsync("id", "pop", visibilityTimeout: TimeSpan.FromDays(7.5), cancellationToken: Ct));
    }

    private async Task<QueueClient> NewQueueAsync(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var queue = new QueueClient(_azurite.ConnectionString, AzuriteFixture.UniqueName("q"), new QueueClientOptions { MessageEncoding = encoding });
        (await queue.CreateIfNotExistsAsync(Ct)).Value.ShouldBeTrue();
        return queue;
    }
}
