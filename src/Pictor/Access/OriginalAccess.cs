using Microsoft.Extensions.Options;
using Pictor.Api;
using Pictor.Configuration;
using Pictor.Problems;

namespace Pictor.Access;

/// <summary>
/// Who may read an original's bytes. Public by default; with <c>Pictor:Originals:Public=false</c>, a request needs
/// a valid signature of its path (<see cref="UrlSigner"/>, as derived URLs are signed) or a key of scope
/// <c>read</c> or more (<see cref="WriteAccess.Demand"/>: 401, 403, 429 as for writes). An invalid or expired
/// signature is 403 even beside a key.
/// </summary>
public sealed class OriginalAccess(IOptions<OriginalsOptions> options, UrlSigner signer)
{
    public bool Public => options.Value.Public;

    public void Check(HttpContext http)
    {
        if (Public) return;
        var signature = signer.Check(http.Request);
        if (signature.Present)
        {
            if (signature.IsValid) return;
            throw ProblemException.Forbidden("invalid-signature", $"The URL's signature is not valid: {signature.Reason}");
        }
        WriteAccess.Demand(http, AccessScope.Read);
    }
}
