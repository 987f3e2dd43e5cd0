export { DerivedUrl } from "./derivedUrl.js";
export { cropModes, gravities, outputFormats, type CropMode, type Gravity, type OutputFormat } from "./options.js";
export { signPath, signatureQuery } from "./urlSignature.js";
export { sizes, type SizeCondition } from "./responsive.js";
export { thumbHashToDataURL, thumbHashToRGBA, thumbHashToAverageColor, thumbHashToApproximateAspectRatio, type RgbaImage } from "./thumbHash.js";
export { encodePng } from "./png.js";
export { PictorClient, type PictorClientOptions, type ImageBody } from "./pictorClient.js";
export { PictorProblemError } from "./pictorProblemError.js";
export type {
  DerivedMetadata, FocalPoint, OriginalMetadata, OriginalPage, OriginalPatch, OriginalQuery, ServiceStats, StoredBytes, StoredCount,
} from "./models.js";
