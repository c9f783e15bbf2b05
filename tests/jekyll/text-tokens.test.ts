import fc from 'fast-check';
import { Tokenizer } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { readTextToken, readTextTokenByCharacter } from '../../src/jekyll/liquid/text-tokens.js';

// The indexOf text-token reader must give liquidjs's own tokens: same kind, bounds and position after.

const pieces = fc.constantFrom('{%', '{{', '%}', '}}', '{', '}', '%', 'raw', 'endraw', ' if x ', ' endif ', '-', '"', "'", '\n', 'text ', 'é', '{%-', '-%}');
const template = fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join(''));

function tokens(input: string, read: typeof readTextToken): unknown {
  const saved = Tokenizer.prototype.readHTMLToken;
  Tokenizer.prototype.readHTMLToken = read;
  try {
    return new Tokenizer(input).readTopLevelTokens().map((token) => [token.kind, token.begin, token.end, token.getText()]);
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    Tokenizer.prototype.readHTMLToken = saved;
  }
}

describe('reading Liquid text tokens', () => {
  it('gives the tokens liquidjs gives, for any mix of delimiters and text', () => {
    fc.assert(
      fc.property(template, (input) => {
        expect(tokens(input, readTextToken)).toStrictEqual(tokens(input, readTextTokenByCharacter));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });

  it('stops where liquidjs stops within a range and with any stop strings', () => {
    fc.assert(
      fc.property(template, fc.nat(40), fc.nat(40), fc.array(fc.constantFrom('{%', '{{', '', '%', 'x'), { maxLength: 3 }), (input, from, to, stops) => {
        const range: [number, number] = [Math.min(from, input.length), Math.min(Math.max(from, to), input.length)];
        const fast = new Tokenizer(input, undefined, undefined, range);
        const slow = new Tokenizer(input, undefined, undefined, range);
        const a = readTextToken.call(fast, stops);
        const b = readTextTokenByCharacter.call(slow, stops);
        expect([a.begin, a.end, fast.p]).toStrictEqual([b.begin, b.end, slow.p]);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
