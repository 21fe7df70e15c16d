using Conveyor.Storage.Connection;

namespace Conveyor.Storage.Tests.Connection;

public sealed class StorageConnectionStringTests
{
    private const string Key = "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5";

    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtAzuriteDefaultPorts()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        parsed.AccountName.ShouldBe("devstoreaccount1");
        parsed.BlobEndpoint.ShouldBe(new Uri("http://127.0.0.1:10000/devstoreaccount1"));
        parsed.QueueEndpoint.ShouldBe(new Uri("http://127.0.0.1:10001/devstoreaccount1"));
        parsed.TableEndpoint.ShouldBe(new Uri("http://127.0.0.1:10002/devstoreaccount1"));
        parsed.IsDevelopmentStorage.ShouldBeTrue();
    }

    [Fact]
    public void Parse_AccountAndSuffix_DerivesHostStyleEndpoints()
    {
        var parsed = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        parsed.AccountName.ShouldBe("myacct");
        parsed.BlobEndpoint.ShouldBe(new Uri("https://myacct.blob.core.chinacloudapi.cn"));
        parsed.QueueEndpoint.ShouldBe(new Uri("https://myacct.queue.core.chinacloudapi.cn"));
        parsed.TableEndpoint.ShouldBe(new Uri("https://myacct.table.core.chinacloudapi.cn"));
        parsed.SharedKeyCredential.ShouldNotBeNull().AccountName.ShouldBe("myacct");
        parsed.IsDevelopmentStorage.ShouldBeFalse();
    }

    [Fact]
    public void Parse_NoSuffix_DefaultsToPublicCloudHttps()
    {
        var parsed = StorageConnectionString.Parse($"AccountName=acct;AccountKey={Key}");

        parsed.BlobEndpoint.ShouldBe(new Uri("https://acct.blob.core.windows.net"));
    }

    [Fact]
    public void Parse_ExplicitEndpoints_OverrideDerivedOnesAndNameThePathStyleAccount()
    {
        var parsed = StorageConnectionString.Parse(StorageConnectionString.FormatDevelopmentStorage("127.0.0.1", 1, 2, 3));

        parsed.BlobEndpoint.ShouldBe(new Uri("http://127.0.0.1:1/devstoreaccount1"));
        parsed.QueueEndpoint.ShouldBe(new Uri("http://127.0.0.1:2/devstoreaccount1"));
        parsed.TableEndpoint.ShouldBe(new Uri("http://127.0.0.1:3/devstoreaccount1"));
        parsed.IsDevelopmentStorage.ShouldBeTrue();
    }

    [Fact]
    public void Parse_SharedAccessSignatureWithEndpoint_UsesSasAndDerivesAccountFromHost()
    {
        var parsed = StorageConnectionString.Parse(
            "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=?sv=2025-11-05&ss=b&sig=abc%3D");

        parsed.AccountName.ShouldBe("acct");
        parsed.SasCredential.ShouldNotBeNull().Signature.ShouldBe("sv=2025-11-05&ss=b&sig=abc%3D");
        parsed.SharedKeyCredential.ShouldBeNull();
        parsed.QueueEndpoint.ShouldBeNull();
        Should.Throw<StorageConnectionStringException>(() => parsed.GetEndpoint(StorageService.Queue))
            .Message.ShouldContain("QueueEndpoint");
    }

    [Theory]
    [InlineData("AccountName=acct;AccountKey=not*base64!", "AccountKey")]
    [InlineData("AccountName=acct;AccountKey=c2VjcmV0;Bogus=1", "Bogus")]
    [InlineData("AccountName=acct;AccountName=other;AccountKey=c2VjcmV0", "AccountName")]
    [InlineData("AccountName=acct;AccountKey=c2VjcmV0;BlobEndpoint=ftp://x", "BlobEndpoint")]
    [InlineData("AccountName=acct;AccountKey=c2VjcmV0;DefaultEndpointsProtocol=gopher", "DefaultEndpointsProtocol")]
    [InlineData("AccountKey=c2VjcmV0", "AccountName")]
    [InlineData("UseDevelopmentStorage=yes", "UseDevelopmentStorage")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=1", "sig")]
    [InlineData("justtext", "Segment 1")]
    [InlineData("AccountName=acct", "AccountKey")]
    public void Parse_Invalid_NamesTheBadPart(string connectionString, string expectedInMessage)
    {
        var error = Should.Throw<StorageConnectionStringException>(() => StorageConnectionString.Parse(connectionString));

        error.Message.ShouldContain(expectedInMessage);
    }

    [Theory]
    [InlineData("AccountName=acct;AccountKey=c2VjcmV0c2VjcmV0;Bogus=1")]
    [InlineData("AccountName=acct;AccountKey=c2VjcmV0c2VjcmV0;SharedAccessSignature=sv=1&sig=topsecret")]
    [InlineData("AccountName=acct;AccountKey=c2VjcmV0c2VjcmV0*")]
    public void Parse_Invalid_NeverEchoesTheSecret(string connectionString)
    {
        var error = Should.Throw<StorageConnectionStringException>(() => StorageConnectionString.Parse(connectionString));

        error.Message.ShouldNotContain("c2VjcmV0c2VjcmV0");
        error.Message.ShouldNotContain("topsecret");
    }

    [Fact]
    public void ToString_NeverIncludesTheKey()
    {
        var parsed = StorageConnectionString.Parse($"AccountName=acct;AccountKey={Key}");

        parsed.ToString().ShouldNotContain(Key);
        parsed.ToString().ShouldContain("SharedKey");
    }
}
