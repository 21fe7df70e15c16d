using Conveyor.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Blobs;

/// <summary>Fresh containers and deterministic content for the blob tests.</summary>
internal static class BlobTestData
{
    public static async Task<BlobContainerClient> NewContainerAsync(AzuriteFixture azurite, string prefix = "blob")
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(AzuriteFixture.UniqueName(prefix));
        await container.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        return container;
    }

    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A stream that hides its length and cannot seek, like a network or pipe stream.</summary>
    public sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 100_000));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
