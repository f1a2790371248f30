import { BadUserInput } from '@supergraph/errors';
import { id, name, parseInput, plainText, withoutNulls, z } from '../src';

const schema = z.object({
  name: name('Name'),
  description: plainText('Description', 20).optional(),
  ownerId: id('user id').optional(),
});

describe('parseInput', () => {
  it('returns the typed, trimmed value', () => {
    expect(parseInput(schema, { name: '  Savanna  ' })).toEqual({ name: 'Savanna' });
  });

  it.each([
    ['name', { name: '   ' }],
    ['name', { name: 'x'.repeat(101) }],
    ['name', { name: 'two\nlines' }],
    ['description', { name: 'ok', description: '<script>alert(1)</script>' }],
    ['description', { name: 'ok', description: 'x'.repeat(21) }],
    ['description', { name: 'ok', description: 'bell\u0007' }],
    ['ownerId', { name: 'ok', ownerId: 'not-a-uuid' }],
  ])('names the bad field (%s) in BAD_USER_INPUT', (field, input) => {
    expect(() => parseInput(schema, input)).toThrow(BadUserInput);
    try {
      parseInput(schema, input, 'input');
    } catch (error) {
      expect((error as BadUserInput).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }
  });

  it('keeps newlines and a "<" that is not markup in plain text', () => {
    expect(parseInput(schema, { name: 'ok', description: 'a < b\nc' }).description).toBe('a < b\nc');
  });
});

describe('withoutNulls', () => {
  it('drops nulls except for fields where null means "clear"', () => {
    expect(withoutNulls({ name: null, description: null, zooId: 'z' }, ['description'])).toEqual({
      description: null,
      zooId: 'z',
    });
  });
});
