/** How a derived image fits its box (`c_`): cover then crop · contain (may enlarge) · contain, never enlarge · contain then pad. */
export type CropMode = "fill" | "fit" | "limit" | "pad";

/** Where a fill crops and a pad places (`g_`); `auto` crops around what draws attention, `focus` around the stored focal point. */
export type Gravity =
  | "center" | "north" | "south" | "east" | "west"
  | "north_east" | "north_west" | "south_east" | "south_west"
  | "auto" | "focus";

/** The output format by extension; `auto` lets the service choose AVIF, WebP or JPEG/PNG from the browser's `Accept`. */
export type OutputFormat = "jpg" | "jpeg" | "png" | "webp" | "gif" | "avif" | "tiff" | "auto";

export const cropModes: readonly CropMode[] = ["fill", "fit", "limit", "pad"];

export const gravities: readonly Gravity[] = [
  "center", "north", "south", "east", "west", "north_east", "north_west", "south_east", "south_west", "auto", "focus",
];

export const outputFormats: readonly OutputFormat[] = ["jpg", "jpeg", "png", "webp", "gif", "avif", "tiff", "auto"];
