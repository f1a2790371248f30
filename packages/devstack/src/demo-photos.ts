// Draws the demo animals' photos at start-up (issue #18: no image files committed that the project did not
// make): a landscape in colours picked from the animal's name, a paw print, and the name and species as text
// when the machine has fonts (a slim container may have none: its text would be rows of empty boxes).
import { createHash } from 'node:crypto';
import sharp from 'sharp';

const WIDTH = 800;
const HEIGHT = 600;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Numbers in [0, 1) drawn from the name (eight slots), so an animal gets the same picture at every start. */
function seededPicker(name: string): (slot: number) => number {
  const digest = createHash('sha256').update(name).digest();
  return (slot) => digest.readUInt32BE(slot * 4) / 2 ** 32;
}

const caption = (name: string, species: string) =>
  `<text x="40" y="540" font-family="sans-serif" font-size="52" font-weight="bold" fill="white">${escapeXml(name)}</text>
  <text x="42" y="580" font-family="sans-serif" font-size="28" fill="white" opacity="0.9">${escapeXml(species)}</text>`;

let fontsFound: Promise<boolean> | undefined;

/** Whether a real font draws text: in a proportional font "iiii" is narrower than "MMMM"; without fonts both are
 * rows of the same missing-glyph boxes. */
function textRenders(): Promise<boolean> {
  const widthOf = async (text: string) =>
    (
      await sharp({ text: { text, font: 'sans-serif' } })
        .png()
        .toBuffer({ resolveWithObject: true })
    ).info.width;
  fontsFound ??= Promise.all([widthOf('iiiiiiii'), widthOf('MMMMMMMM')]).then(
    ([narrow, wide]) => narrow < wide * 0.75,
    () => false,
  );
  return fontsFound;
}

function demoPhotoSvg(name: string, species: string, withText: boolean): string {
  const pick = seededPicker(name);
  const skyHue = Math.round(pick(0) * 360);
  const groundHue = Math.round(skyHue + 60 + pick(1) * 120) % 360;
  // The sun keeps to either side of the paw print.
  const side = pick(2) * 2;
  const sun = { x: side < 1 ? 100 + side * 140 : 560 + (side - 1) * 140, y: 90 + pick(3) * 110 };
  const hill = (base: number, swing: number) =>
    `M0 ${base} C ${WIDTH * 0.3} ${base - swing}, ${WIDTH * 0.6} ${base + swing}, ${WIDTH} ${base - swing / 2} L${WIDTH} ${HEIGHT} L0 ${HEIGHT} Z`;
  const toe = (x: number, y: number) => `<ellipse cx="${x}" cy="${y}" rx="22" ry="30"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0.4" y2="1">
      <stop offset="0" stop-color="hsl(${skyHue}, 70%, 72%)"/>
      <stop offset="1" stop-color="hsl(${(skyHue + 40) % 360}, 75%, 88%)"/>
    </linearGradient>
  </defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>
  <circle cx="${sun.x}" cy="${sun.y}" r="58" fill="hsl(${(skyHue + 180) % 360}, 90%, 85%)" opacity="0.9"/>
  <path d="${hill(380, 60 + pick(4) * 80)}" fill="hsl(${groundHue}, 45%, 52%)"/>
  <path d="${hill(440, 40 + pick(5) * 70)}" fill="hsl(${groundHue}, 50%, 40%)"/>
  <g fill="hsl(${groundHue}, 35%, 22%)" opacity="0.85" transform="rotate(${Math.round((pick(6) - 0.5) * 40)} 400 300)">
    <ellipse cx="400" cy="330" rx="62" ry="52"/>
    ${toe(330, 250)}${toe(378, 222)}${toe(430, 222)}${toe(476, 250)}
  </g>
  <rect y="480" width="${WIDTH}" height="120" fill="black" opacity="0.35"/>
  ${withText ? caption(name, species) : ''}
</svg>`;
}

/** An 800 × 600 JPEG of a demo animal, the same for the same name. */
export async function drawDemoPhoto(name: string, species: string): Promise<Buffer> {
  const svg = demoPhotoSvg(name, species, await textRenders());
  return sharp(Buffer.from(svg)).jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}
