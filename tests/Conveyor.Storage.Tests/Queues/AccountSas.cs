using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Conveyor.Storage.Connection;

namespace Conveyor.Storage.Tests.Queues;

/// <summary>Builds an account SAS for the queue service with the account key (test support; the product has no SAS builder yet).</summary>
internal static class AccountSas
{
    public const string Version = "2020-12-06";

    public static string Create(StorageConnectionString connection)
    {
        var expiry = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        const string Permissions = "rwdlacup";
        const string Services = "q";
        const string ResourceTypes = "sco";
        var toSign = string.Join('\n', connection.AccountName, Permissions, Services, ResourceTypes, string.Empty, expiry, string.Empty, "http,https", Version, string.Empty, string.Empty);
        using var hmac = new HMACSHA256(Convert.FromBase64String(StorageConnectionString.DevelopmentAccountKey));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));
        return $"sv={Version}&ss={Services}&srt={ResourceTypes}&sp={Permissions}&se={Uri.EscapeDataString(expiry)}&spr=http,https&sig={Uri.EscapeDataString(signature)}";
    }
}
