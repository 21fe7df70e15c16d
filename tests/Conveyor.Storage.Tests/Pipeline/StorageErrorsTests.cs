using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Conveyor.Storage.Authentication;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Queues;
using Conveyor.Storage.Tests.Queues;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Pipeline;

public sealed class StorageErrorsTests
{
    private readonly AzuriteFixture _azurite;

    public StorageErrorsTests(AzuriteFixture azurite) => _azurite = azurite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_WrongAccountKey403_MessageHasNeitherAuthorizationNorKey()
    {
        var connection = StorageConnectionString.Parse(_azurite.ConnectionString);
        var wrongKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 64).ToArray());
        var recorder = new AuthorizationRecorder();
        var options = new QueueClientOptions();
        options.AddPolicy(recorder, HttpPipelinePosition.PerRetry);
        var service = new QueueServiceClient(connection.QueueEndpoint!, new StorageSharedKeyCredential(connection.AccountName, wrongKey), options);

        var error = await Should.ThrowAsync<RequestFailedException>(
            () => service.GetQueueClient(AzuriteFixture.UniqueName("denied")).CreateIfNotExistsAsync(Ct));

        error.Status.ShouldBe(403);
        recorder.Authorization.ShouldNotBeNull().ShouldStartWith("SharedKey ");
        var text = error.ToString();
        text.ShouldNotContain(recorder.Authorization);
        text.ShouldNotContain(recorder.Authorization.Split(':')[1]);
        text.ShouldNotContain(wrongKey);
        text.ShouldNotContain("SharedKey ");
    }

    [Fact]
    public async Task Receive_SasClientMissingQueue404_MessageHasNoSignature()
    {
        var connection = StorageConnectionString.Parse(_azurite.ConnectionString);
        var sas = AccountSas.Create(connection);
        var signature = sas.Split('&').Single(p => p.StartsWith("sig=", StringComparison.Ordinal))[4..];
        var service = new QueueServiceClient(connection.QueueEndpoint!, new AzureSasCredential(sas));

        var error = await Should.ThrowAsync<RequestFailedException>(
            () => service.GetQueueClient(AzuriteFixture.UniqueName("nosuch")).ReceiveMessagesAsync(cancellationToken: Ct));

        error.Status.ShouldBe(404);
        error.ErrorCode.ShouldBe("QueueNotFound");
        var text = error.ToString();
        text.ShouldNotContain("sig=");
        text.ShouldNotContain(signature);
        text.ShouldNotContain(Uri.UnescapeDataString(signature));
    }

    [Fact]
    public async Task Send_SasWithWrongSignature403_MessageHasNoSignature()
    {
        var connection = StorageConnectionString.Parse(_azurite.ConnectionString);
        var forged = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray());
        var sas = AccountSas.Create(connection).Split("&sig=")[0] + "&sig=" + Uri.EscapeDataString(forged);
        var service = new QueueServiceClient(connection.QueueEndpoint!, new AzureSasCredential(sas));

        var error = await Should.ThrowAsync<RequestFailedException>(
            () => service.GetQueueClient(AzuriteFixture.UniqueName("forged")).SendMessageAsync("x", cancellationToken: Ct));

        error.Status.ShouldBe(403);
        var text = error.ToString();
        text.ShouldNotContain("sig=");
        text.ShouldNotContain(forged);
        text.ShouldNotContain(Uri.EscapeDataString(forged));
    }

    private sealed class AuthorizationRecorder : HttpPipelineSynchronousPolicy
    {
        public string? Authorization { get; private set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Headers.TryGetValue("Authorization", out var value))
            {
                Authorization = value;
            }
        }
    }
}
