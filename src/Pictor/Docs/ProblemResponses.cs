using Pictor.Problems;

namespace Pictor.Docs;

/// <summary>Endpoint metadata: the problem types an endpoint may answer with, for the OpenAPI document.</summary>
public sealed record ProblemResponses(IReadOnlyList<ProblemType> Types);
