using System.Globalization;
using Azure;
using Azure.Core;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Blobs;

/// <summary>Acquires, renews, changes, releases and breaks the lease of one blob or container.</summary>
/// <remarks>
/// A lease held under another id makes acquire fail with <see cref="RequestFailedException"/> 409
/// <c>LeaseAlreadyPresent</c>; renewing or releasing with the wrong id fails with 409 <c>LeaseIdMismatchWithLeaseOperation</c>;
/// renewing an expired lease after another acquired it fails with 409 as well. While a blob is leased, writes must
/// carry <see cref="BlobRequestConditions.LeaseId"/>.
/// </remarks>
public sealed class BlobLeaseClient
{
    /// <summary>The duration that asks for a lease that never expires: -1 second.</summary>
    public static readonly TimeSpan InfiniteLeaseDuration = TimeSpan.FromSeconds(-1);

    private readonly StoragePipeline _pipeline;
    private readonly Func<RequestUriBuilder> _resourceUri;
    private readonly bool _isContainer;

    internal BlobLeaseClient(StoragePipeline pipeline, Func<RequestUriBuilder> resourceUri, bool isContainer, string? leaseId)
    {
        _pipeline = pipeline;
        _resourceUri = resourceUri;
        _isContainer = isContainer;
        LeaseId = leaseId ?? Guid.NewGuid().ToString();
    }

    /// <summary>Gets the lease id this client acquires and renews with (updated by <see cref="ChangeAsync"/>).</summary>
    public string LeaseId { get; private set; }

    /// <summary>Gets the URI of the leased blob or container.</summary>
    public Uri Uri => _resourceUri().ToUri();

    /// <summary>Acquires the lease (or re-acquires it under the same id, which extends it).</summary>
    /// <param name="duration">15 to 60 seconds, or <see cref="InfiniteLeaseDuration"/>.</param>
    /// <param name="conditions">Conditions (ETag, times) the blob must meet; its lease id is ignored.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The lease.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is neither infinite nor 15 to 60 seconds.</exception>
    public async Task<Response<BlobLease>> AcquireAsync(
        TimeSpan duration, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        if (duration != InfiniteLeaseDuration && (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts 15 to 60 seconds, or is infinite (BlobLeaseClient.InfiniteLeaseDuration).");
        }

        using var message = Create("acquire", conditions);
        message.Request.Headers.SetValue("x-ms-lease-duration", ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", LeaseId);
        return await SendAsync(message, LeaseId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renews the lease held under <see cref="LeaseId"/>, restarting its duration.</summary>
    /// <param name="conditions">Conditions (ETag, times) the blob must meet; its lease id is ignored.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The lease.</returns>
    public async Task<Response<BlobLease>> RenewAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = Create("renew", conditions);
        message.Request.Headers.SetValue("x-ms-lease-id", LeaseId);
        return await SendAsync(message, LeaseId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the lease held under <see cref="LeaseId"/> so another client may acquire one at once.</summary>
    /// <param name="conditions">Conditions (ETag, times) the blob must meet; its lease id is ignored.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The blob's ETag and last-modified time.</returns>
    public async Task<Response<ReleasedObjectInfo>> ReleaseAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = Create("release", conditions);
        message.Request.Headers.SetValue("x-ms-lease-id", LeaseId);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(
            new ReleasedObjectInfo { ETag = BlobHeaders.ReadETag(response), LastModified = BlobHeaders.ReadLastModified(response) },
            response);
    }

    /// <summary>Breaks the current lease, whatever its id; no new lease can be acquired until the break period ends.</summary>
    /// <param name="breakPeriod">0 to 60 seconds; null lets the lease run out its remaining time (infinite leases break at once).</param>
    /// <param name="conditions">Conditions (ETag, times) the blob must meet; its lease id is ignored.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The lease with <see cref="BlobLease.LeaseTime"/>, the seconds until it ends.</returns>
    public async Task<Response<BlobLease>> BreakAsync(
        TimeSpan? breakPeriod = null, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        if (breakPeriod is { } period && (period < TimeSpan.Zero || period > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(breakPeriod), period, "A break period is 0 to 60 seconds.");
        }

        using var message = Create("break", conditions);
        if (breakPeriod is { } seconds)
        {
            message.Request.Headers.SetValue("x-ms-lease-break-period", ((long)seconds.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        return await SendAsync(message, LeaseId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the id of the lease held under <see cref="LeaseId"/>; on success <see cref="LeaseId"/> becomes the new id.</summary>
    /// <param name="proposedId">The new lease id.</param>
    /// <param name="conditions">Conditions (ETag, times) the blob must meet; its lease id is ignored.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The lease under its new id.</returns>
    public async Task<Response<BlobLease>> ChangeAsync(
        string proposedId, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(proposedId);
        using var message = Create("change", conditions);
        message.Request.Headers.SetValue("x-ms-lease-id", LeaseId);
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", proposedId);
        var response = await SendAsync(message, proposedId, cancellationToken).ConfigureAwait(false);
        LeaseId = response.Value.LeaseId;
        return response;
    }

    private HttpMessage Create(string action, BlobRequestConditions? conditions)
    {
        var uri = _resourceUri();
        if (_isContainer)
        {
            uri.AppendQuery("restype", "container");
        }

        uri.AppendQuery("comp", "lease");
        var message = _pipeline.CreateMessage(RequestMethod.Put, uri);
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        if (conditions is not null)
        {
            // The lease id header carries this operation's id; a conditions lease id would clash with it.
            BlobHeaders.ApplyConditions(message.Request, new BlobRequestConditions
            {
                IfMatch = conditions.IfMatch,
                IfNoneMatch = conditions.IfNoneMatch,
                IfModifiedSince = conditions.IfModifiedSince,
                IfUnmodifiedSince = conditions.IfUnmodifiedSince,
            });
        }

        return message;
    }

    private async Task<Response<BlobLease>> SendAsync(HttpMessage message, string fallbackLeaseId, CancellationToken cancellationToken)
    {
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var leaseTime = BlobHeaders.Read(response, "x-ms-lease-time");
        return Response.FromValue(
            new BlobLease
            {
                LeaseId = BlobHeaders.Read(response, "x-ms-lease-id") ?? fallbackLeaseId,
                ETag = BlobHeaders.ReadETag(response),
                LastModified = BlobHeaders.ReadLastModified(response),
                LeaseTime = int.TryParse(leaseTime, NumberStyles.Integer, CultureInfo.InvariantCulture, out var time) ? time : null,
            },
            response);
    }
}
