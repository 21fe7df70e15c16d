using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Conveyor.Samples.ImportUsers;

/// <summary>
/// Creates users in the external user service (the protocol is on <see cref="ExternalUserServiceOptions"/>) and sorts
/// its failures into transient (<see cref="ExternalUserServiceUnavailableException"/>) and permanent
/// (<see cref="ExternalUserRejectedException"/>) ones, for the step's retry and skip policy.
/// </summary>
/// <remarks>
/// All instances share one <see cref="HttpClient"/> for the process's lifetime: one connection pool, with connections
/// renewed every few minutes so DNS changes are seen. Each call's timeout is its own.
/// </remarks>
internal sealed class ExternalUserClient
{
    private const int MaxReasonLength = 200;

    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    private readonly Uri _baseAddress;
    private readonly TimeSpan _timeout;

    public ExternalUserClient(ExternalUserServiceOptions options)
    {
        var address = options.BaseAddress!.AbsoluteUri;
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        _timeout = options.Timeout;
    }

    /// <summary>Creates the external user of <paramref name="user"/>, or finds it when it exists.</summary>
    /// <param name="user">The local user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user with its external id and whether it was created or existed.</returns>
    /// <exception cref="ExternalUserServiceUnavailableException">A transient failure.</exception>
    /// <exception cref="ExternalUserRejectedException">The service refused the user.</exception>
    public async Task<ImportedUser> CreateAsync(LocalUser user, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_baseAddress, "users/" + Uri.EscapeDataString(user.UserId)))
        {
            Content = JsonContent.Create(new CreateUserRequest(user.Email, user.Name)),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
        {
            var body = await response.Content.ReadFromJsonAsync<CreateUserResponse>(cancellationToken).ConfigureAwait(false);
            var id = string.IsNullOrEmpty(body?.Id)
                ? throw new InvalidDataException($"The external user service answered {status} for user '{user.UserId}' without an id.")
                : body.Id;
            return new ImportedUser(user.UserId, id, response.StatusCode == HttpStatusCode.Created ? ImportedUser.Created : ImportedUser.Existing);
        }

        var reason = await ReasonAsync(response, cancellationToken).ConfigureAwait(false);
        if (IsTransient(response.StatusCode))
        {
            throw new ExternalUserServiceUnavailableException($"The external user service answered {status} for user '{user.UserId}': {reason}");
        }

        throw new ExternalUserRejectedException(status, $"The external user service refused user '{user.UserId}' with {status}: {reason}");
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        if (text.Length == 0)
        {
            return response.ReasonPhrase ?? response.StatusCode.ToString();
        }

        return text.Length <= MaxReasonLength ? text : string.Concat(text.AsSpan(0, MaxReasonLength), "…");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The messages name no address: a base address may carry a key in its query.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await Http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ExternalUserServiceUnavailableException($"The external user service could not be reached ({e.HttpRequestError}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new ExternalUserServiceUnavailableException($"The external user service did not answer within {seconds} s.", e);
        }
    }

    private sealed record CreateUserRequest(string Email, string Name);

    private sealed record CreateUserResponse(string? Id);
}
