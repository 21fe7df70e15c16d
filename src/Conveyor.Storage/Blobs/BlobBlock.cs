namespace Conveyor.Storage.Blobs;

/// <summary>One block of a block blob.</summary>
/// <param name="Name">The base64 block id.</param>
/// <param name="Size">The block's size in bytes.</param>
public sealed record BlobBlock(string Name, long Size);
