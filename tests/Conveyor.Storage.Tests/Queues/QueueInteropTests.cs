using System.Text;
using System.Text.Json;
using Conveyor.Storage.Queues;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Queues;

/// <summary>Wire compatibility with the official JavaScript SDK (@azure/storage-queue), run by <c>infra/local/interop/queue.js</c>.</summary>
public sealed class QueueInteropTests
{
    private const string Awkward = "héllo <wörld> & \"friends\" — 日本語 🚚\ttab\nline";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly AzuriteFixture _azurite;

    public QueueInteropTests(AzuriteFixture azurite) => _azurite = azurite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendMessageAsync_Base64Text_JsDecodesSameText()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);

        await queue.SendMessageAsync(Awkward, cancellationToken: Ct);

        var received = (await JsReceiveAsync(queue.Name)).Single();
        received.DecodedUtf8.ShouldBe(Awkward);
        received.MessageText.ShouldBe(Convert.ToBase64String(Encoding.UTF8.GetBytes(Awkward)));
    }

    [Fact]
    public async Task SendMessageAsync_Base64Bytes_JsDecodesSameBytes()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).ToArray();

        await queue.SendMessageAsync(new BinaryData(bytes), cancellationToken: Ct);

        Convert.FromBase64String((await JsReceiveAsync(queue.Name)).Single().DecodedBase64).ShouldBe(bytes);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_JsSentBase64_ReadsSameTextAndBytes()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);
        var bytes = new byte[] { 0, 1, 2, 0x80, 0xFF, 0xC3, 0x28 };

        await RunAsync("send-base64", queue.Name, Convert.ToBase64String(Encoding.UTF8.GetBytes(Awkward)));
        await RunAsync("send-base64", queue.Name, Convert.ToBase64String(bytes));

        var received = (await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value;
        received.Length.ShouldBe(2);
        received.ShouldContain(m => m.MessageText == Awkward);
        received.ShouldContain(m => m.Body.ToArray().SequenceEqual(bytes));
    }

    [Fact]
    public async Task SendAndReceive_NoEncoding_RawTextRoundTripsBothWays()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.None);
        const string FromJs = "from JS: <a href=\"x\">&amp;</a> ünïcødé 🎉";

        await queue.SendMessageAsync(Awkward, cancellationToken: Ct);
        var seenByJs = (await JsReceiveAsync(queue.Name)).Single();
        await RunAsync("send-raw", queue.Name, Convert.ToBase64String(Encoding.UTF8.GetBytes(FromJs)));
        var seenByUs = (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single();

        seenByJs.MessageText.ShouldBe(Awkward);
        seenByUs.MessageText.ShouldBe(FromJs);
        seenByUs.DequeueCount.ShouldBe(1);
    }

    private async Task<QueueClient> NewQueueAsync(QueueMessageEncoding encoding)
    {
        var queue = new QueueClient(_azurite.ConnectionString, AzuriteFixture.UniqueName("interop"), new QueueClientOptions { MessageEncoding = encoding });
        await queue.CreateIfNotExistsAsync(Ct);
        return queue;
    }

    private async Task<List<JsMessage>> JsReceiveAsync(string queueName) =>
        JsonSerializer.Deserialize<List<JsMessage>>(await RunAsync("receive", queueName, "32"), Json)!;

    private Task<string> RunAsync(params string[] arguments) =>
        NodeScript.RunAsync("interop/queue.js", _azurite.ConnectionString, arguments, Ct);

    private sealed record JsMessage(string MessageId, long DequeueCount, string MessageText, string DecodedBase64, string DecodedUtf8);
}
