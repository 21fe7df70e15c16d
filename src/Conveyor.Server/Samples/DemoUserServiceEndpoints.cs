using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Conveyor.Server.Samples;

/// <summary>
/// A stand-in for the external user service the <c>importUsers</c> sample calls, served by the app in Development only
/// so the sample runs with one command. Production points <c>Conveyor:Samples:ExternalUserService:BaseAddress</c> at
/// the real service.
/// </summary>
/// <remarks>
/// <c>PUT {Route}/users/{userId}</c> with <c>{"email","name"}</c>: 201 with a stable id the first time, 200 with the same
/// id after that (idempotent, as the sample requires), 400 when the email has no '@'.
/// </remarks>
internal static class DemoUserServiceEndpoints
{
    /// <summary>Where the demo service is mapped.</summary>
    public const string Route = "/samples/external-users";

    private static readonly ConcurrentDictionary<string, string> Created = new(StringComparer.Ordinal);

    /// <summary>Maps the demo service when the app runs in Development.</summary>
    /// <param name="app">The app.</param>
    public static void MapDemoUserService(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        app.MapPut(Route + "/users/{userId}", (string userId, DemoUser user) =>
        {
            if (string.IsNullOrWhiteSpace(user.Email) || !user.Email.Contains('@', StringComparison.Ordinal))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid user", detail: $"User '{userId}' has no valid email.");
            }

            var id = "ext-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..12];
            return Created.TryAdd(userId, id) ? Results.Created((string?)null, new { id }) : Results.Ok(new { id });
        }).ExcludeFromDescription();
    }

    /// <summary>The demo service's request body.</summary>
    /// <param name="Email">The user's email.</param>
    /// <param name="Name">The user's name.</param>
    internal sealed record DemoUser(string? Email, string? Name);
}
