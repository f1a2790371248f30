// A demo event written for this project (not taken from Advent of Code): six small puzzles for 2025,
// unlocked, and three for 2026 that unlock on 1–3 December. Inputs come from a seeded generator, and each
// answer is computed from its input by the solver beside it, so the seed is always right.

export interface DemoPuzzle {
  year: number;
  day: number;
  title: string;
  description: string;
  input: string;
  answerPart1: string;
  answerPart2: string;
}

/** mulberry32: a tiny deterministic PRNG, so every machine seeds the same inputs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (next: () => number, low: number, high: number) => low + Math.floor(next() * (high - low + 1));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const WORDS = [
  'otto',
  'comet',
  'level',
  'sleigh',
  'noon',
  'tinsel',
  'radar',
  'holly',
  'civic',
  'frost',
  'kayak',
  'ember',
  'refer',
  'pine',
  'stats',
];

function sledInventory(year: number, day: number, seed: number): DemoPuzzle {
  const next = random(seed);
  const weights = Array.from({ length: 60 }, () => between(next, 10, 999));
  const heaviest = [...weights].sort((a, b) => b - a).slice(0, 3);
  return {
    year,
    day,
    title: 'Sled Inventory',
    description:
      'The sled is being loaded, one parcel per line, each line a weight in grams.\n\n' +
      'Part 1: what do all the parcels weigh together?\nPart 2: the three heaviest parcels ride up front. What do they weigh together?',
    input: weights.join('\n'),
    answerPart1: String(sum(weights)),
    answerPart2: String(sum(heaviest)),
  };
}

function lanternSignals(year: number, day: number, seed: number): DemoPuzzle {
  const next = random(seed);
  const moves = Array.from({ length: 200 }, () => (next() < 0.45 ? 'L' : 'R')).join('');
  let position = 0;
  let visitsHome = 0;
  for (const move of moves) {
    position += move === 'R' ? 1 : -1;
    if (position === 0) visitsHome++;
  }
  return {
    year,
    day,
    title: 'Lantern Signals',
    description:
      'A lantern-bearer walks a straight path starting at post 0. Each L moves one post left, each R one post right.\n\n' +
      'Part 1: at which post does the walk end?\nPart 2: how many times does the walker arrive back at post 0?',
    input: moves,
    answerPart1: String(position),
    answerPart2: String(visitsHome),
  };
}

function bellTower(year: number, day: number, seed: number): DemoPuzzle {
  const next = random(seed);
  const times = Array.from({ length: 80 }, () => between(next, 1, 40));
  let jumps = 0;
  let longest = 1;
  let run = 1;
  for (let index = 1; index < times.length; index++) {
    if (Math.abs(times[index]! - times[index - 1]!) > 3) jumps++;
    run = times[index]! > times[index - 1]! ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return {
    year,
    day,
    title: 'Bell Tower',
    description:
      'The bell-ringers wrote down how hard each bell was struck, one number per line.\n\n' +
      'Part 1: how many neighbouring strikes differ by more than 3?\nPart 2: how long is the longest run of strictly rising strikes?',
    input: times.join('\n'),
    answerPart1: String(jumps),
    answerPart2: String(longest),
  };
}

function reindeerRoster(year: number, day: number, seed: number): DemoPuzzle {
  const next = random(seed);
  const names = Array.from({ length: 50 }, () => WORDS[between(next, 0, WORDS.length - 1)]!);
  const doubled = names.filter((name) => /(.)\1/.test(name)).length;
  const palindromes = names.filter((name) => name === [...name].reverse().join('')).length;
  return {
    year,
    day,
    title: 'Reindeer Roster',
    description:
      'The stable keeps a roster of call-signs, one per line.\n\n' +
      'Part 1: how many call-signs contain the same letter twice in a row?\nPart 2: how many read the same backwards?',
    input: names.join('\n'),
    answerPart1: String(doubled),
    answerPart2: String(palindromes),
  };
}

function cocoaOrders(year: number, day: number, seed: number): DemoPuzzle {
  const next = random(seed);
  const orders = Array.from({ length: 40 }, () => [between(next, 1, 12), between(next, 1, 12)] as const);
  return {
    year,
    day,
    title: 'Cocoa Orders',
    description:
      'Each line is an order: cups and marshmallows per cup, as "cups x marshmallows".\n\n' +
      'Part 1: how many marshmallows are needed in all?\nPart 2: only orders with as many cups as marshmallows per cup get a candy cane on top. How many marshmallows go into those orders?',
    input: orders.map(([cups, each]) => `${cups} x ${each}`).join('\n'),
    answerPart1: String(sum(orders.map(([cups, each]) => cups * each))),
    answerPart2: String(sum(orders.filter(([cups, each]) => cups === each).map(([cups, each]) => cups * each))),
  };
}

function snowDrifts(year: number, day: number, seed: number): DemoPuzzle {
  const next = random(seed);
  const grid = Array.from({ length: 12 }, () => Array.from({ length: 12 }, () => between(next, 0, 9)));
  let peaks = 0;
  for (let row = 0; row < grid.length; row++) {
    for (let column = 0; column < grid[row]!.length; column++) {
      const height = grid[row]![column]!;
      const neighbours = [
        grid[row - 1]?.[column],
        grid[row + 1]?.[column],
        grid[row]![column - 1],
        grid[row]![column + 1],
      ].filter((value) => value !== undefined);
      if (neighbours.every((value) => height > value!)) peaks++;
    }
  }
  return {
    year,
    day,
    title: 'Snow Drifts',
    description:
      'A map of snow depth, one digit per square.\n\n' +
      'Part 1: a peak is deeper than each square directly above, below, left and right of it. How many peaks are there?\nPart 2: what is the largest total depth of any single row?',
    input: grid.map((row) => row.join('')).join('\n'),
    answerPart1: String(peaks),
    answerPart2: String(Math.max(...grid.map(sum))),
  };
}

export function demoPuzzles(): DemoPuzzle[] {
  const makers = [sledInventory, lanternSignals, bellTower, reindeerRoster, cocoaOrders, snowDrifts];
  return [
    ...makers.map((make, index) => make(2025, index + 1, 2025_00 + index)),
    ...makers.slice(0, 3).map((make, index) => make(2026, index + 1, 2026_00 + index)),
  ];
}
