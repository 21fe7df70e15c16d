using Conveyor.Functions.Hosting;

namespace Conveyor.Functions.Tests.Hosting;

/// <summary>The extension's management URLs lose the host's system key and keep everything else.</summary>
public sealed class DurableExtensionLinksTests
{
    [Theory]
    [InlineData("https://app.net/runtime/webhooks/durabletask/instances/a1?taskHub=conveyor&connection=Storage&code=s3cr3t==", "https://app.net/runtime/webhooks/durabletask/instances/a1?taskHub=conveyor&connection=Storage")]
    [InlineData("https://app.net/runtime/webhooks/durabletask/instances/a1/terminate?reason={text}&code=s3cr3t", "https://app.net/runtime/webhooks/durabletask/instances/a1/terminate?reason={text}")]
    [InlineData("https://app.net/runtime/webhooks/durabletask/instances/a1?code=s3cr3t", "https://app.net/runtime/webhooks/durabletask/instances/a1")]
    [InlineData("https://app.net/runtime/webhooks/durabletask/instances/a1?CODE=s3cr3t&taskHub=h", "https://app.net/runtime/webhooks/durabletask/instances/a1?taskHub=h")]
    [InlineData("https://app.net/runtime/webhooks/durabletask/instances/a1/raiseEvent/{eventName}", "https://app.net/runtime/webhooks/durabletask/instances/a1/raiseEvent/{eventName}")]
    [InlineData("https://app.net/instances/a1?barcode=1", "https://app.net/instances/a1?barcode=1")]
    public void WithoutKey_DropsTheCodeParameterOnly(string url, string expected) => DurableExtensionLinks.WithoutKey(url).ShouldBe(expected);
}
