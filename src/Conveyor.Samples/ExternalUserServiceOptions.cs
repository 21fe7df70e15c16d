namespace Conveyor.Samples;

/// <summary>The HTTP service <c>importUsers</c> creates external users in, and how patiently it is called.</summary>
/// <remarks>
/// <para>
/// The protocol: <c>PUT {BaseAddress}users/{userId}</c> with the JSON body <c>{"email": "…", "name": "…"}</c> answers
/// <c>201 Created</c> (a new user) or <c>200 OK</c> (the user existed) with <c>{"id": "…"}</c>, the external id.
/// </para>
/// <para>
/// A chunk whose step fails is processed again on restart, so a user may be sent twice: the service must treat the
/// user id as the key of an idempotent create (which the PUT says). 408, 429, 5xx, timeouts and connection failures are
/// transient: the call is retried (<see cref="RetryLimit"/> attempts in all, waiting about <see cref="RetryBackoff"/> at
/// first, then exponentially longer with jitter); a user still failing after that fails the step, and a restart resumes after the last committed chunk.
/// Any other 4xx rejects the user for good: it is skipped, with the status and the service's message as the reason.
/// </para>
/// </remarks>
public sealed class ExternalUserServiceOptions
{
    /// <summary>Gets or sets the service's base address, for example <c>https://users.example.com/api/</c>. Required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets how long one call may take before it counts as a transient failure. Defaults to 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the most attempts of one user's call, including the first. Defaults to 4.</summary>
    public int RetryLimit { get; set; } = 4;

    /// <summary>Gets or sets the median wait before the first retry; later waits grow exponentially, with jitter. Defaults to 1 second.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the most users the service may reject (4xx) in one run of a step before the job fails. Defaults to 100.</summary>
    public int SkipLimit { get; set; } = 100;

    internal IEnumerable<string> Problems()
    {
        if (BaseAddress is not { IsAbsoluteUri: true } || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            yield return "BaseAddress must be an absolute http or https address.";
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return "Timeout must be positive.";
        }

        if (RetryLimit < 1)
        {
            yield return "RetryLimit must be at least 1.";
        }

        if (RetryBackoff < TimeSpan.Zero)
        {
            yield return "RetryBackoff must not be negative.";
        }

        if (SkipLimit < 0)
        {
            yield return "SkipLimit must not be negative.";
        }
    }
}
