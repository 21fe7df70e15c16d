using System.Buffers.Text;
using System.Text;

namespace Conveyor.Server.Management;

/// <summary>
/// The management listing's continuation tokens: the engine's own token in an envelope of this API's (a version tag,
/// base64url), so a token this API never gave out is refused with a 400 instead of reaching the engine, which would
/// silently start over or fail on it.
/// </summary>
internal static class ManagementContinuationToken
{
    private const string Tag = "c1.";

    /// <summary>Wraps the engine's token for the response header.</summary>
    public static string Wrap(string engineToken) => Tag + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(engineToken));

    /// <summary>Unwraps a token from the request header; false when it is not one this API gave out.</summary>
    public static bool TryUnwrap(string token, out string engineToken)
    {
        engineToken = string.Empty;
        if (!token.StartsWith(Tag, StringComparison.Ordinal) || !Base64Url.IsValid(token.AsSpan(Tag.Length)))
        {
            return false;
        }

        try
        {
            engineToken = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token.AsSpan(Tag.Length)));
            return engineToken.Length > 0;
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
