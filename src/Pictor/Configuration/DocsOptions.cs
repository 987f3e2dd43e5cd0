namespace Pictor.Configuration;

public sealed class DocsOptions
{
    public const string Section = "Pictor:Docs";

    /// <summary>Serve the OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.</summary>
    public bool Enabled { get; set; } = true;
}
