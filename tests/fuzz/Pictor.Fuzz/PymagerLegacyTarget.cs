using Pictor.Import;

namespace Pictor.Fuzz;

/// <summary>
/// The reader <c>import-pymager --convert-unsupported</c> uses for the BMP and PNM originals pymager accepted and
/// Pictor does not (<see cref="LegacyImage"/>), through to the lossless PNG it stores. Refusals are
/// <see cref="NotSupportedException"/> and <see cref="InvalidDataException"/> (the importer reports them per row).
/// </summary>
public sealed class PymagerLegacyTarget : IFuzzTarget
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pictor-fuzz-legacy-").FullName;


    public void Run(byte[] input)
    {
        var source = Path.Combine(_folder, "original");
        var png = Path.Combine(_folder, "converted.png");
        File.WriteAllBytes(source, input);
        try
        {
            LegacyImage.Open(source, maxPixels: 4_000_000)?.SavePng(png);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException)
        {
        }
        finally
        {
            File.Delete(png);
        }
    }
}
