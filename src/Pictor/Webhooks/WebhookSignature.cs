using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pictor.Webhooks;

/// <summary><c>Pictor-Signature: t=UNIX,v1=HEX(HMAC-SHA256(secret, t + "." + body))</c>: the time binds the signature to the delivery, so a replayed old one can be told apart.</summary>
public static class WebhookSignature
{
    public const string Header = "Pictor-Signature";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
