using Microsoft.Extensions.Options;
using Pictor.Configuration;
using Pictor.Images;
using Pictor.Problems;

namespace Pictor.Access;

/// <summary>
/// Who may ask for what. A valid, unexpired signature allows anything that parses; an invalid or expired one
/// is 403. Unsigned: a bare preset is always allowed (the operator wrote it); otherwise
/// <c>Pictor:Signing:Required</c> allows only sizes on <c>Pictor:AllowedSizes</c>, <c>Pictor:PresetsOnly</c>
/// refuses other option URLs, and <c>Pictor:AllowedSizes</c> bounds W×H of pymager and option URLs alike.
/// </summary>
public sealed class DerivedAccess(SizePolicy sizes, UrlSigner signer, IOptions<PictorOptions> options)
{
    public void Check(TransformRequest request, SignatureCheck signature)
    {
        if (signature.Present)
        {
            if (signature.IsValid) return;
            throw ProblemException.Forbidden("invalid-signature", $"The URL's signature is not valid: {signature.Reason}");
        }
        if (request.Kind == TransformKind.Preset) return;
        if (signer.Required && !sizes.Lists(request.Box))
            throw ProblemException.Forbidden("signature-required",
                "This URL needs a signature (Pictor:Signing:Required): add ?s=SIGNATURE, or ask for a preset or an allowed size.");
        if (request.Kind == TransformKind.Options && options.Value.PresetsOnly)
            throw ProblemException.Forbidden("presets-only",
                "Only presets may be asked for here (Pictor:PresetsOnly): /derived/{id}/t_NAME.{ext}, or sign the URL.");
        sizes.Check(request.Box);
    }
}
