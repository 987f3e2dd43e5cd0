/** One condition of a `sizes` attribute: the slot width (`100vw`, `50vw`, `320px`, `calc(…)`) while `media` matches. */
export interface SizeCondition {
  /** A media condition, e.g. `(max-width: 600px)`. */
  readonly media: string;
  /** The image's rendered width while it holds. */
  readonly size: string;
}

/**
 * A `sizes` attribute: each condition in order, then the fallback width.
 *
 * ```ts
 * sizes([{ media: "(max-width: 600px)", size: "100vw" }], "50vw") // "(max-width: 600px) 100vw, 50vw"
 * ```
 */
export function sizes(conditions: readonly SizeCondition[], fallback: string): string {
  const parts = conditions.map(({ media, size }) => {
    const condition = media.trim();
    if (!condition.startsWith("(") && !/^(not|only|screen|print|all)\b/.test(condition))
      throw new TypeError(`'${media}' is not a media condition such as (max-width: 600px).`);
    return `${condition} ${checkLength(size)}`;
  });
  parts.push(checkLength(fallback));
  return parts.join(", ");
}

function checkLength(length: string): string {
  const value = length.trim();
  if (!/^(\d+(\.\d+)?(px|vw|em|rem|vh|vmin|vmax|ch|ex)|calc\(.+\)|min\(.+\)|max\(.+\)|clamp\(.+\)|auto)$/.test(value))
    throw new TypeError(`'${length}' is not a CSS length for sizes (e.g. 100vw, 320px, calc(50vw - 2rem)).`);
  return value;
}
