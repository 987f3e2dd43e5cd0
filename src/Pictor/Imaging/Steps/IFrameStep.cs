using NetVips;

namespace Pictor.Imaging.Steps;

/// <summary>
/// One step between load and encode, applied to each frame alike. Returns the image unchanged when it has
/// nothing to do, else a new one (the caller disposes the old).
/// </summary>
public interface IFrameStep
{
    Image Apply(Image image, DeriveContext context);
}
