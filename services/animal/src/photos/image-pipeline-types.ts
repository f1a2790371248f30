// The contract between the upload route and the image pipeline (image-pipeline.ts): what goes in, what comes
// out, and the limits that refuse an image before it is decoded in full.

export type PhotoContentType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface PhotoLimits {
  /** Largest accepted upload (5 MB). */
  maxBytes: number;
  /** Largest accepted image, width × height (20 megapixels); checked from the header, before decoding. */
  maxPixels: number;
  /** The thumbnail's longest side (256 px). */
  thumbnailSize: number;
}

export const DEFAULT_PHOTO_LIMITS: PhotoLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxPixels: 20_000_000,
  thumbnailSize: 256,
};

export interface EncodedImage {
  bytes: Buffer;
  contentType: PhotoContentType;
  width: number;
  height: number;
}

export interface ProcessedPhoto {
  /** The re-encoded image: orientation applied, EXIF/GPS/ICC-comments stripped, in the format the bytes really are. */
  photo: EncodedImage;
  /** At most thumbnailSize × thumbnailSize, same format as the photo. */
  thumbnail: EncodedImage;
}

/** Why an upload was refused; the route answers 4xx with this reason and stores nothing. */
export type PhotoRefusal =
  | 'too-large' // more bytes than maxBytes
  | 'not-an-image' // no JPEG, PNG or WebP magic number
  | 'too-many-pixels' // width × height over maxPixels (decompression bombs included)
  | 'corrupt'; // truncated or undecodable

export class PhotoRefused extends Error {
  constructor(
    readonly reason: PhotoRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'PhotoRefused';
  }
}
