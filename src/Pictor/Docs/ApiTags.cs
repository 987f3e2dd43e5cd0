namespace Pictor.Docs;

/// <summary>The groups of operations in the OpenAPI document.</summary>
public static class ApiTags
{
    public const string Originals = "Originals";
    public const string Derived = "Derived images";
    public const string Operations = "Operations";
    public const string Admin = "Admin UI";
}
