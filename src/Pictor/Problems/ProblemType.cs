namespace Pictor.Problems;

/// <summary>
/// One kind of problem response: its status, the slug of its <c>type</c> (<c>https://pictor.dev/problems/{Slug}</c>),
/// its title, when it happens (for the API reference) and a sample <c>detail</c>.
/// </summary>
public sealed record ProblemType(int Status, string Slug, string Title, string When, string ExampleDetail)
{
    public string Uri => ProblemExceptionHandler.TypeBase + Slug;
}
