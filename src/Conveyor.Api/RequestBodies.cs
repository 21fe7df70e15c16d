using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Conveyor.Api;

/// <summary>Request body limits: small for JSON endpoints, large (and streamed) for file uploads.</summary>
internal static class RequestBodies
{
    /// <summary>The largest JSON body accepted: 1 MiB.</summary>
    public const long JsonLimit = 1024 * 1024;

    /// <summary>The configuration key of the largest upload, in bytes.</summary>
    public const string MaxUploadSetting = "Conveyor:MaxUploadBytes";

    /// <summary>The largest upload when <see cref="MaxUploadSetting"/> is not set: 2 GiB.</summary>
    public const long DefaultMaxUpload = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Sets the server's body limit for this request to <paramref name="limit"/> (Kestrel's default is 30 MB) and
    /// refuses at once a declared length above it.
    /// </summary>
    /// <exception cref="BadHttpRequestException">413: the declared length is above the limit.</exception>
    public static void Limit(HttpContext http, long limit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }
    }

    /// <summary>Reads a JSON body of at most <see cref="JsonLimit"/> bytes; null when the body is empty.</summary>
    /// <exception cref="BadHttpRequestException">413: the body is too large; 400: it is not JSON.</exception>
    public static async Task<JsonDocument?> ReadJsonAsync(HttpContext http, CancellationToken cancellationToken)
    {
        Limit(http, JsonLimit);
        var buffer = new ArrayBufferWriter<byte>(4096);
        var body = new LengthLimitedStream(http.Request.Body, JsonLimit);
        await using (body.ConfigureAwait(false))
        {
            int read;
            while ((read = await body.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Advance(read);
            }
        }

        if (buffer.WrittenCount == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException($"The body is not valid JSON: {e.Message}", StatusCodes.Status400BadRequest, e);
        }
    }

    /// <summary>Returns the configured upload limit.</summary>
    public static long MaxUpload(IConfiguration configuration) =>
        configuration.GetValue<long?>(MaxUploadSetting) is > 0 and var limit ? limit : DefaultMaxUpload;

    /// <summary>The 413 of a body over <paramref name="limit"/> bytes.</summary>
    public static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than this endpoint accepts ({limit:N0} bytes).", StatusCodes.Status413PayloadTooLarge);
}
