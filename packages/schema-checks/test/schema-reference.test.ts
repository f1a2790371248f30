import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeSubgraphs } from '@supergraph/composition';
import { composeAndWrite, formatMarkdown, loadOperations, runChecks, schemaReference } from '../src';

// Two tiny subgraphs: `catalog` owns Book, `reviews` adds Book.reviews to it.
const catalogSdl = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@inaccessible"])

type Query {
  """
  Books, newest first.
  """
  books(
    """
    How many books to return.
    """
    first: Int = 10
    """
    Only books by this author.
    """
    author: String
  ): [Book!]!
}

"""
A book in the catalog.
"""
type Book @key(fields: "id") {
  id: ID!
  """
  The title as printed on the cover.
  """
  title: String!
  """
  What the shop paid: internal.
  """
  costPrice: Int @inaccessible
  """
  The title before 2020.
  """
  oldTitle: String @deprecated(reason: "Use \`title\`.")
  format: Format!
}

"""
How a book is published.
"""
enum Format {
  """
  Printed on paper.
  """
  PAPER
  """
  An e-book.
  """
  EBOOK
}
`;

const reviewsSdl = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

type Book @key(fields: "id") {
  id: ID!
  """
  Reviews of the book, best first.
  """
  reviews(minStars: Int): [Review!]!
}

type Review {
  """
  1 to 5.
  """
  stars: Int!
}
`;

const shopOperations = `
query BookList {
  books(first: 5) {
    title
    reviews {
      stars
    }
    ...BookId
  }
}

query BookIds {
  books {
    ...BookId
  }
}

fragment BookId on Book {
  id
}
`;

const subgraphs = [
  { name: 'catalog', url: 'http://127.0.0.1:9/graphql', sdl: catalogSdl },
  { name: 'reviews', url: 'http://127.0.0.1:9/graphql', sdl: reviewsSdl },
];

function composed(): string {
  const composition = composeSubgraphs(subgraphs);
  if (!composition.ok) throw new Error(composition.errors.join('\n'));
  return composition.supergraphSdl;
}

/** The reference's section under `heading`, up to the next heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`no heading ${heading} in:\n${markdown}`);
  const next = markdown.slice(start + heading.length + 2).search(/^#{1,4} /m);
  return markdown.slice(start + 1, next === -1 ? undefined : start + heading.length + 2 + next);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'schema-reference-'));
  mkdirSync(path.join(dir, 'operations'));
  writeFileSync(path.join(dir, 'operations/shop.graphql'), shopOperations);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function reference(): string {
  const operations = loadOperations(path.join(dir, 'operations')).map((operation) => ({
    ...operation,
    file: `../operations/${path.basename(operation.file)}`,
  }));
  return schemaReference(composed(), operations);
}

describe('the schema reference of a supergraph', () => {
  it("shows a field's description, arguments, subgraph and the operations that use it", () => {
    const books = section(reference(), '#### Query.books');
    expect(books).toContain('Type: [`[Book!]!`](#book) · Resolved by `catalog`.');
    expect(books).toContain('Books, newest first.');
    expect(books).toContain('- `first`: [`Int`](#int), default `10`. How many books to return.');
    expect(books).toContain('- `author`: [`String`](#string). Only books by this author.');
    expect(books).toContain(
      'Used by: [`BookIds`](../operations/shop.graphql), [`BookList`](../operations/shop.graphql).',
    );
  });

  it('says which subgraph resolves each field of an entity, and which subgraphs contribute to it', () => {
    const markdown = reference();
    expect(section(markdown, '### Book')).toContain('- Subgraphs: `catalog` (key `id`) and `reviews` (key `id`)');
    expect(section(markdown, '#### Book.reviews')).toContain('Resolved by `reviews`.');
    expect(section(markdown, '#### Book.title')).toContain('Resolved by `catalog`.');
    expect(section(markdown, '#### Book.id')).toContain('Resolved by `catalog` and `reviews`.');
    // Book.id is selected only through a fragment, which both operations spread.
    expect(section(markdown, '#### Book.id')).toContain('Used by: [`BookIds`]');
    expect(section(markdown, '#### Book.format')).toContain('Used by no stored operation.');
  });

  it('shows deprecations and enum values with their descriptions', () => {
    const markdown = reference();
    expect(section(markdown, '#### Book.oldTitle')).toContain('**Deprecated:** Use `title`.');
    expect(section(markdown, '### Format')).toContain('- `EBOOK`: An e-book.');
  });

  it('hides what clients cannot see: @inaccessible fields and federation internals', () => {
    const markdown = reference();
    expect(markdown).not.toMatch(/costPrice|What the shop paid/);
    expect(markdown).not.toMatch(/join__|link__|_Entity|_Service/);
    expect(markdown).toContain('#### Book.title'); // the hidden field's siblings are there
  });

  it('lists root types first, then each kind alphabetically, with a contents list', () => {
    const markdown = reference();
    const headings = markdown.match(/^#{2,3} .*$/gm);
    expect(headings).toEqual([
      '## Contents',
      '## Root types',
      '### Query',
      '## Objects',
      '### Book',
      '### Review',
      '## Enums',
      '### Format',
      '## Scalars',
      '### Boolean',
      '### ID',
      '### Int',
      '### String',
    ]);
    expect(markdown).toContain('- [Objects](#objects): [Book](#book), [Review](#review)');
  });

  it('is the same every time, and Markdown that Prettier leaves as it is', () => {
    const markdown = reference();
    expect(reference()).toBe(markdown);
    expect(formatMarkdown(markdown)).toBe(markdown);
  });
});

describe('npm run check and the schema reference', () => {
  // A repository of its own: supergraph.yaml naming the two subgraphs, and where compose writes its files.
  const targets = () => {
    for (const { name, sdl } of subgraphs) writeFileSync(path.join(dir, `${name}.graphql`), sdl);
    writeFileSync(
      path.join(dir, 'supergraph.yaml'),
      subgraphs
        .map(
          ({ name }) =>
            `  ${name}:\n    routing_url: http://127.0.0.1:9/graphql\n    schema:\n      file: ./${name}.graphql\n`,
        )
        .join('')
        .replace(/^/, 'subgraphs:\n'),
    );
    return {
      configFile: path.join(dir, 'supergraph.yaml'),
      supergraphFile: path.join(dir, 'supergraph.graphql'),
      operationsDir: path.join(dir, 'operations'),
      manifestFile: path.join(dir, 'persisted-queries.json'),
      schemaDocFile: path.join(dir, 'docs/schema.md'),
      preferRover: false,
    };
  };
  const check = (files: ReturnType<typeof targets>) => runChecks({ ...files, checkServedSdl: false });
  const failures = (lines: string[]) => lines.filter((line) => line.startsWith('✖'));

  const changed = (result: ReturnType<typeof composeAndWrite>) => result.ok && result.files.map((file) => file.changed);

  it('fails when docs/schema.md was edited by hand, naming the file and the command, and passes after compose', async () => {
    const files = targets();
    expect(changed(composeAndWrite(files))).toEqual([true, true, true]);
    const written = readFileSync(files.schemaDocFile, 'utf8');
    expect(written).toContain('#### Book.reviews');
    expect(written).toContain('[`BookList`](../operations/shop.graphql)');
    expect(failures((await check(files)).lines)).toEqual([]);

    writeFileSync(files.schemaDocFile, written.replace('Reviews of the book, best first.', 'Reviews, best first.'));
    const edited = await check(files);
    expect(edited.ok).toBe(false);
    expect(failures(edited.lines)).toEqual([
      expect.stringMatching(
        /^✖ .*docs\/schema\.md is out of date or was edited by hand \(line \d+ differs from what `npm run compose` writes\): run `npm run compose` and commit the result$/,
      ),
    ]);

    expect(changed(composeAndWrite(files))).toEqual([false, false, true]);
    const fresh = await check(files);
    expect(fresh.ok).toBe(true);
    expect(fresh.lines).toContainEqual(
      expect.stringMatching(/^✔ .*docs\/schema\.md \(the schema reference\) is up to date$/),
    );
  });

  it('fails when a subgraph changed and compose was not run, and the reference shows the change after compose', async () => {
    const files = targets();
    composeAndWrite(files);
    writeFileSync(path.join(dir, 'reviews.graphql'), reviewsSdl.replace('1 to 5.', 'From 1 to 5 stars.'));
    const stale = await check(files);
    expect(failures(stale.lines)).toEqual([
      expect.stringContaining('supergraph.graphql is out of date'),
      expect.stringContaining('docs/schema.md is out of date'),
    ]);

    expect(changed(composeAndWrite(files))).toEqual([true, false, true]);
    expect(section(readFileSync(files.schemaDocFile, 'utf8'), '#### Review.stars')).toContain('From 1 to 5 stars.');
    expect((await check(files)).ok).toBe(true);
  });

  it('fails when docs/schema.md is missing', async () => {
    const files = targets();
    composeAndWrite(files);
    rmSync(files.schemaDocFile);
    const report = await check(files);
    expect(report.ok).toBe(false);
    expect(failures(report.lines)).toEqual([
      expect.stringMatching(/docs\/schema\.md is missing: run `npm run compose` and commit the result$/),
    ]);
  });
});
