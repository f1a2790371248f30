// The demo animals' photos: drawn at start-up by sharp, the same for the same animal, and within what the animal
// service accepts (a JPEG under 5 MB and 20 megapixels that decodes without error).
import sharp from 'sharp';
import { drawDemoPhoto } from '../src/demo-photos';

it('draws an 800 × 600 JPEG that decodes cleanly and fits the upload limits', async () => {
  const photo = await drawDemoPhoto('Nala', 'Lion');

  expect([...photo.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  expect(photo.length).toBeLessThan(5 * 1024 * 1024);
  const { info } = await sharp(photo, { failOn: 'warning' }).raw().toBuffer({ resolveWithObject: true });
  expect(info).toMatchObject({ width: 800, height: 600 });
});

it('draws the same picture for the same animal and another for another', async () => {
  const nala = await drawDemoPhoto('Nala', 'Lion');

  expect((await drawDemoPhoto('Nala', 'Lion')).equals(nala)).toBe(true);
  expect((await drawDemoPhoto('Kito', 'Lion')).equals(nala)).toBe(false);
});

it('draws names that are not XML-safe as text', async () => {
  await expect(drawDemoPhoto('Tom & "Jerry" <3', "Cat's mouse")).resolves.toBeInstanceOf(Buffer);
});
