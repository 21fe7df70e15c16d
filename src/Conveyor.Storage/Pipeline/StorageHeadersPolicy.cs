using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Conveyor.Storage.Pipeline;

/// <summary>Stamps <c>x-ms-version</c> and a fresh <c>x-ms-date</c> on each attempt of a request.</summary>
internal sealed class StorageHeadersPolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _serviceVersion;
    private readonly TimeProvider _timeProvider;

    public StorageHeadersPolicy(string serviceVersion, TimeProvider timeProvider)
    {
        _serviceVersion = serviceVersion;
        _timeProvider = timeProvider;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", _serviceVersion);
        message.Request.Headers.SetValue(
            "x-ms-date",
            _timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
