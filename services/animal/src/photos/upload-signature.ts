// Signs and checks upload URLs: HMAC-SHA256 (PHOTO_UPLOAD_SECRET) over everything a grant binds — the upload,
// its animal, content type, largest size and expiry — so a URL cannot be stretched to another animal, type,
// size or time. The grant's row stays the authority on whether it was used.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedUpload {
  id: string;
  animalId: string;
  contentType: string;
  maxBytes: number;
  /** Unix seconds. */
  expires: number;
}

export interface UploadSigner {
  sign(upload: SignedUpload): string;
  verify(upload: SignedUpload, signature: string): boolean;
}

export function createUploadSigner(secret: string): UploadSigner {
  const sign = ({ id, animalId, contentType, maxBytes, expires }: SignedUpload) =>
    createHmac('sha256', secret)
      .update(['photo-upload-v1', id, animalId, contentType, maxBytes, expires].join('\n'))
      .digest('base64url');
  return {
    sign,
    verify(upload, signature) {
      const expected = Buffer.from(sign(upload));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
