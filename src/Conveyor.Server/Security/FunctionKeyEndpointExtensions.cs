using Conveyor.Api;
using Microsoft.Extensions.Options;

namespace Conveyor.Server.Security;

/// <summary>Puts endpoints behind a key level.</summary>
internal static class FunctionKeyEndpointExtensions
{
    /// <summary>Requires a key of <paramref name="level"/> for the endpoints of <paramref name="builder"/>.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="level">The level.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, AuthorizationLevel level)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices;
            var filter = new FunctionKeyFilter(level, services.GetRequiredService<IOptions<FunctionKeysOptions>>(), services.GetRequiredService<IHostEnvironment>());
            return context => filter.InvokeAsync(context, next);
        });
}
