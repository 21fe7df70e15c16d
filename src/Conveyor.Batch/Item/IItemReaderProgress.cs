namespace Conveyor.Batch.Item;

/// <summary>
/// A reader that knows how far through its input it is, in bytes; the chunk loop copies both figures into the step
/// execution at every commit, so that status queries can show progress.
/// </summary>
/// <remarks>
/// Read at commit time only, right after <see cref="IItemStream.UpdateAsync"/>: the figures should describe the
/// position the reader just saved, so that a restart resumes with the progress it reported.
/// </remarks>
public interface IItemReaderProgress
{
    /// <summary>Gets the bytes of the input (or of its range) consumed so far, counted from the start of the input (or range), across restarts.</summary>
    long BytesRead { get; }

    /// <summary>Gets the bytes of the input (or of its range) in total, or null when unknown.</summary>
    long? BytesTotal { get; }
}
