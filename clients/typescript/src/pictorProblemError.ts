/**
 * The service refused a request: the RFC 9457 problem it answered (`type`, `title`, `status`, `detail`, `instance`,
 * and Pictor's `requestId`). `message` reads well on its own.
 */
export class PictorProblemError extends Error {
  override readonly name = "PictorProblemError";

  constructor(
    /** The HTTP status code. */
    readonly status: number,
    /** The problem type URI, e.g. `https://pictor.dev/problems/invalid-id`. */
    readonly type: string | undefined,
    /** The short summary of the problem type. */
    readonly title: string,
    /** What went wrong with this request, in a sentence. */
    readonly detail: string | undefined,
    /** The request the problem is about, when the service names it. */
    readonly instance: string | undefined,
    /** The ID the service logged the request under (also its `X-Request-Id`). */
    readonly requestId: string | undefined,
    /** `Retry-After` of a 429 or 503, in seconds, when given. */
    readonly retryAfterSeconds: number | undefined,
    /** Every member of the problem document, extensions included. */
    readonly problem: Readonly<Record<string, unknown>>,
  ) {
    let message = `${status} ${title}`;
    if (detail) message += `: ${detail}`;
    if (requestId) message += ` (request ${requestId})`;
    super(message);
  }

  /** The error for a response that is not a success, from its problem document when it has one. */
  static async fromResponse(response: Response): Promise<PictorProblemError> {
    let problem: Record<string, unknown> = {};
    const text = await response.text().catch(() => "");
    if (text.trimStart().startsWith("{")) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) problem = parsed as Record<string, unknown>;
      } catch {
        // Not a problem document (a proxy's HTML page, say): the status line still says what happened.
      }
    }
    const text_ = (name: string) => (typeof problem[name] === "string" ? (problem[name] as string) : undefined);
    const status = typeof problem["status"] === "number" ? (problem["status"] as number) : response.status;
    return new PictorProblemError(
      status,
      text_("type"),
      text_("title") ?? (response.statusText || `HTTP ${response.status}`),
      text_("detail"),
      text_("instance"),
      text_("requestId") ?? response.headers.get("X-Request-Id") ?? undefined,
      retryAfter(response.headers.get("Retry-After")),
      problem,
    );
  }
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}
