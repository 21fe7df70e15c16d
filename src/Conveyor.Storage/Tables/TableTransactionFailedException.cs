using Azure;

namespace Conveyor.Storage.Tables;

/// <summary>
/// An entity group transaction was refused by the service; none of its actions was applied.
/// </summary>
/// <remarks>
/// <see cref="RequestFailedException.Status"/> and <see cref="RequestFailedException.ErrorCode"/> are those of the
/// failing action (for example 409 <c>EntityAlreadyExists</c>), or of the whole request when the service refused
/// the batch itself.
/// </remarks>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Initializes a new instance of the <see cref="TableTransactionFailedException"/> class.</summary>
    /// <param name="status">The HTTP status of the failing action.</param>
    /// <param name="message">The message.</param>
    /// <param name="errorCode">The service error code.</param>
    /// <param name="failedTransactionActionIndex">The zero-based index of the failing action, when the service named it.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public TableTransactionFailedException(
        int status, string message, string? errorCode, int? failedTransactionActionIndex, Exception? innerException = null)
        : base(status, message, errorCode, innerException)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>Gets the zero-based index of the action that failed, or null when the service did not say.</summary>
    public int? FailedTransactionActionIndex { get; }
}
