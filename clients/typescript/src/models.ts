/** Where crops centre: fractions (0…1) of the upright image's width and height, from the top left. */
export interface FocalPoint {
  readonly x: number;
  readonly y: number;
}

/** A derived image the service has generated and stored for an original. */
export interface DerivedMetadata {
  readonly name: string;
  readonly url: string;
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  /** ISO 8601, UTC. */
  readonly created: string;
}

/** Bytes stored for an original: the original, its derived images, and both. */
export interface StoredBytes {
  readonly original: number;
  readonly derived: number;
  readonly total: number;
}

/** What the service records about an original (`GET /original/{id}/metadata`, upload answers, listings). */
export interface OriginalMetadata {
  readonly id: string;
  /** `jpeg`, `png`, `webp`, `gif`, `avif` or `tiff`, detected from the bytes. */
  readonly format: string;
  /** Of the upright image, in pixels. */
  readonly width: number;
  readonly height: number;
  /** 1 unless animated. */
  readonly frames: number;
  /** Size as uploaded. */
  readonly bytes: number;
  /** Lower-case hex SHA-256 of the bytes as uploaded. */
  readonly sha256: string;
  /** ISO 8601, UTC: when the ID was first stored. */
  readonly created: string;
  /** ISO 8601, UTC: when it was last replaced or changed. */
  readonly updated: string;
  readonly focus: FocalPoint | null;
  /** The ThumbHash of the upright image, base64, for `thumbHashToDataURL`; absent or null until the service computes it. */
  readonly placeholder?: string | null;
  /** The colour most of the image is, `#rrggbb`, for a background before it loads; absent or null as `placeholder`. */
  readonly dominantColor?: string | null;
  /** The original's path on the service. */
  readonly url: string;
  readonly tags?: readonly string[];
  readonly attributes?: Readonly<Record<string, string>>;
  readonly storedBytes?: StoredBytes | null;
  /** The derived images stored for it (metadata endpoint only). */
  readonly derived?: readonly DerivedMetadata[];
}

/** One page of `GET /original`: its items and the cursor of the next page (null on the last). */
export interface OriginalPage {
  readonly items: readonly OriginalMetadata[];
  readonly next: string | null;
}

/** Filters and paging of a listing; every filter is optional and all given must match. */
export interface OriginalQuery {
  /** Only originals carrying every one of these tags (up to 8). */
  readonly tags?: readonly string[];
  /** Only IDs starting with this. */
  readonly prefix?: string;
  /** Only this format (`jpeg`, `png`, …). */
  readonly format?: string;
  /** Only originals created at or after this instant. */
  readonly since?: Date;
  /** Only originals created before this instant. */
  readonly until?: Date;
  /** Start after this ID (exclusive). */
  readonly after?: string;
  /** Items per request (1…1000); the service's default is 100. */
  readonly pageSize?: number;
}

/** A JSON merge patch of an original: only what is present is sent. */
export interface OriginalPatch {
  /** Sets the focal point; null clears it. */
  readonly focus?: FocalPoint | null;
  /** The new set of tags; an empty list clears them. */
  readonly tags?: readonly string[];
  /** Merged key by key: a null value removes that key. */
  readonly attributes?: Readonly<Record<string, string | null>>;
}

/** A count of stored things and their bytes. */
export interface StoredCount {
  readonly count: number;
  readonly bytes: number;
}

/** What the service stores (`GET /stats`). */
export interface ServiceStats {
  readonly originals: StoredCount;
  readonly derived: StoredCount;
  readonly totalBytes: number;
}
