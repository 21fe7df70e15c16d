using System.Security.Claims;
using Conveyor.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace Conveyor.Functions.Tests.Contract;

/// <summary>
/// The Durable extension's management URLs made from the request (<c>CreateHttpManagementPayload(id, request)</c>), for
/// a client that is not the extension's own: outside the Functions host no client carries the host's webhook base URL.
/// </summary>
internal sealed class ExtensionRequestLinks : IOrchestrationLinkFactory
{
    public OrchestrationLinks Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var payload = client.CreateHttpManagementPayload(instanceId, new RequestData(new Uri(request.GetDisplayUrl())));
        return new OrchestrationLinks(
            instanceId,
            payload.StatusQueryGetUri!,
            payload.SendEventPostUri!,
            payload.TerminatePostUri!,
            payload.PurgeHistoryDeleteUri!,
            payload.SuspendPostUri!,
            payload.ResumePostUri!,
            payload.RestartPostUri!);
    }

    /// <summary>The request as the extension reads it: its URL and headers.</summary>
    private sealed class RequestData(Uri url) : HttpRequestData(new NoFunctionContext())
    {
        public override Stream Body => Stream.Null;

        public override HttpHeadersCollection Headers { get; } = [];

        public override IReadOnlyCollection<IHttpCookie> Cookies => [];

        public override Uri Url => url;

        public override IEnumerable<ClaimsIdentity> Identities => [];

        public override string Method => "POST";

        public override HttpResponseData CreateResponse() => throw new NotSupportedException();
    }

    /// <summary>A function context the payload never reads.</summary>
    private sealed class NoFunctionContext : FunctionContext
    {
        public override string InvocationId => string.Empty;

        public override string FunctionId => string.Empty;

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = null!;

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
