// The image pipeline on images made here by sharp (no committed binaries): what it stores, in which format and
// size, and what it refuses before decoding.
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { processPhoto } from '../src/photos/image-pipeline';
import { DEFAULT_PHOTO_LIMITS, PhotoRefused, type PhotoRefusal } from '../src/photos/image-pipeline-types';

/** Random pixels: they do not compress, so files are large and a cut lands in the image data, not the header. */
const noise = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });
const plain = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#4a8f5c' } });

/** A PNG chunk: length, type, data and the CRC a decoder checks. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A 77-byte PNG whose header claims width × height but whose pixel data is empty: decoding it would fail. */
function pngHeaderClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const emptyPixelData = pngChunk('IDAT', deflateSync(Buffer.alloc(0)));
  return Buffer.concat([signature, pngChunk('IHDR', header), emptyPixelData, pngChunk('IEND', Buffer.alloc(0))]);
}

async function refusalOf(bytes: Buffer, limits = DEFAULT_PHOTO_LIMITS): Promise<PhotoRefused> {
  const error = await processPhoto(bytes, limits).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PhotoRefused);
  return error as PhotoRefused;
}

const expectRefused = async (bytes: Buffer, reason: PhotoRefusal) => {
  const refusal = await refusalOf(bytes);
  expect(refusal.reason).toBe(reason);
  return refusal;
};

describe('stored photos', () => {
  it('re-encodes a JPEG with its dimensions and a thumbnail at most 256 px wide', async () => {
    const { photo, thumbnail } = await processPhoto(await noise(640, 480).jpeg().toBuffer());

    expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 640, height: 480 });
    expect(await sharp(photo.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    expect(thumbnail).toMatchObject({ contentType: 'image/jpeg', width: 256, height: 192 });
    expect(await sharp(thumbnail.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 256, height: 192 });
  });

  it('stores a PNG as a PNG, whatever type the upload declared', async () => {
    const { photo, thumbnail } = await processPhoto(await plain(300, 400).png().toBuffer());

    expect(photo).toMatchObject({ contentType: 'image/png', width: 300, height: 400 });
    expect((await sharp(photo.bytes).metadata()).format).toBe('png');
    expect(thumbnail).toMatchObject({ contentType: 'image/png', width: 192, height: 256 });
    expect((await sharp(thumbnail.bytes).metadata()).format).toBe('png');
  });

  it('stores a WebP as a WebP', async () => {
    const { photo, thumbnail } = await processPhoto(await noise(600, 300).webp().toBuffer());

    expect(photo).toMatchObject({ contentType: 'image/webp', width: 600, height: 300 });
    expect((await sharp(photo.bytes).metadata()).format).toBe('webp');
    expect(thumbnail).toMatchObject({ contentType: 'image/webp', width: 256, height: 128 });
  });

  it('does not enlarge an image smaller than the thumbnail', async () => {
    const { thumbnail } = await processPhoto(await plain(120, 90).jpeg().toBuffer());

    expect(thumbnail).toMatchObject({ width: 120, height: 90 });
  });

  it('keeps no EXIF (GPS included), XMP or ICC profile from the upload', async () => {
    const upload = await noise(200, 100)
      .jpeg()
      .withExif({
        IFD0: { Make: 'Trail camera', Copyright: 'Keeper' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 2400/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 0/1',
        },
      })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
      )
      .withIccProfile('p3')
      .toBuffer();
    const uploaded = await sharp(upload).metadata();
    expect(exifReader(uploaded.exif!).GPSInfo?.GPSLatitude).toEqual([48, 51, 24]);
    expect(uploaded.xmp).toBeDefined();
    expect(uploaded.icc).toBeDefined();

    const { photo, thumbnail } = await processPhoto(upload);

    for (const stored of [photo, thumbnail]) {
      const metadata = await sharp(stored.bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(stored.bytes.includes('Trail camera')).toBe(false);
    }
  });

  it('applies the EXIF orientation: a sideways photo comes out upright, without the tag', async () => {
    const upload = await noise(400, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await sharp(upload).metadata()).toMatchObject({ orientation: 6, width: 400, height: 200 });

    const { photo, thumbnail } = await processPhoto(upload);

    expect(photo).toMatchObject({ width: 200, height: 400 });
    const stored = await sharp(photo.bytes).metadata();
    expect(stored).toMatchObject({ width: 200, height: 400 });
    expect(stored.orientation).toBeUndefined();
    expect(thumbnail).toMatchObject({ width: 128, height: 256 });
  });

  it('processes many uploads at once, refusals included, and every one settles', async () => {
    const good = await plain(64, 48).jpeg().toBuffer();
    const corrupt = (await noise(200, 200).png().toBuffer()).subarray(0, 5_000);
    const uploads = Array.from({ length: 12 }, (_, index) => (index % 3 === 0 ? corrupt : good));

    const results = await Promise.allSettled(uploads.map((bytes) => processPhoto(bytes)));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(8);
    expect(
      results.map((result) => result.status === 'rejected' && (result.reason as PhotoRefused).reason).filter(Boolean),
    ).toEqual(['corrupt', 'corrupt', 'corrupt', 'corrupt']);
    await expect(processPhoto(good)).resolves.toBeDefined();
  });
});

describe('refused uploads', () => {
  it.each([
    ['a text file named .jpg', Buffer.from('These are not the pixels you are looking for.\n')],
    [
      'an SVG',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      ),
    ],
    ['a GIF', async () => plain(10, 10).gif().toBuffer()],
    ['a HEIC', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')])],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s as not-an-image', async (_, bytes) => {
    const upload = typeof bytes === 'function' ? await bytes() : bytes;

    await expectRefused(upload, 'not-an-image');
  });

  it('refuses a JPEG cut in half as corrupt', async () => {
    const whole = await noise(400, 300).jpeg({ quality: 90 }).toBuffer();
    const half = whole.subarray(0, whole.length / 2);
    expect(await sharp(half).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 300 });

    await expectRefused(half, 'corrupt');
  });

  it('refuses a PNG cut in half as corrupt', async () => {
    const whole = await noise(400, 300).png().toBuffer();

    await expectRefused(whole.subarray(0, whole.length / 2), 'corrupt');
  });

  it('refuses garbage behind a JPEG magic number as corrupt', async () => {
    await expectRefused(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(2_000)]), 'corrupt');
  });

  it.each([
    [30_000, 30_000],
    [5_000, 5_000], // 25 megapixels: over our limit, under sharp's own default one
  ])('refuses a %i × %i image from its header, before decoding it', async (width, height) => {
    const upload = pngHeaderClaiming(width, height);
    expect(await sharp(upload, { limitInputPixels: false }).metadata()).toMatchObject({ width, height });

    // The file has no pixels: had it been decoded, it would have been refused as corrupt instead.
    const refusal = await expectRefused(upload, 'too-many-pixels');
    expect(refusal.message).toContain(`${width} × ${height}`);
  });

  it('refuses a 6 MB image as too-large, though it is otherwise a valid image', async () => {
    const upload = await noise(1_450, 1_450).png({ compressionLevel: 0 }).toBuffer();
    expect(upload.length).toBeGreaterThan(6_000_000);
    const roomy = { ...DEFAULT_PHOTO_LIMITS, maxBytes: 7 * 1024 * 1024 };
    await expect(processPhoto(upload, roomy)).resolves.toBeDefined();

    const refusal = await expectRefused(upload, 'too-large');
    expect(refusal.message).toContain(`${DEFAULT_PHOTO_LIMITS.maxBytes}`);
  });
});
