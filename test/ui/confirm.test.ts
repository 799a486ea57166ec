import fc from 'fast-check';
import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Answering, ConfirmPrompt, ConfirmView, type PromptKey, typeKey } from '../../src/ui/ink/confirm.js';

afterEach(() => cleanup());

/** Generous: CI machines are shared, and ink renders on its own schedule. */
const WAIT = { timeout: 10_000, interval: 5 };

/** Renders the prompt and waits until ink listens to its stdin, so no keystroke is lost. */
async function prompt() {
  const answers: boolean[] = [];
  const given: Answering[] = [];
  const app = render(
    createElement(ConfirmPrompt, {
      question: 'Plan: 3 to create. Apply it?',
      color: false,
      onAnswer: (a) => {
        given.push(a);
        answers.push(a.approved === true);
      },
    }),
  );
  await vi.waitFor(() => expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0), WAIT);
  return { ...app, answers, given };
}

const ENTER = '\r';
const BACKSPACE = '\u007f';
const plainKey: PromptKey = { return: false, backspace: false, delete: false, ctrl: false, meta: false };

/** An independent reading of a keystroke sequence: what a person typed, up to the first Enter. */
function intended(chunks: readonly string[]): boolean | undefined {
  let text = '';
  for (const chunk of chunks) {
    for (const ch of chunk) {
      if (ch === ENTER || ch === '\n') return text.trim() === 'yes';
      text = ch === BACKSPACE ? text.slice(0, -1) : text + ch;
    }
  }
  return undefined;
}

/** Feeds chunks through the pure reducer as ink would parse single keys. */
function typeAll(chunks: readonly string[]): Answering {
  let state: Answering = { typed: '' };
  for (const chunk of chunks) {
    const key =
      chunk === ENTER
        ? { ...plainKey, return: true }
        : chunk === BACKSPACE
          ? { ...plainKey, backspace: true }
          : plainKey;
    state = typeKey(state, chunk === ENTER || chunk === BACKSPACE ? '' : chunk, key);
  }
  return state;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('confirmation', () => {
  it('asks the question and says that only yes approves', () => {
    const { lastFrame } = render(createElement(ConfirmView, { question: 'Apply it?', typed: 'ye', color: false }));
    expect(lastFrame()).toContain('? Apply it?');
    expect(lastFrame()).toContain("Only 'yes' will be accepted to approve");
    expect(lastFrame()).toContain('Enter a value: ye');
  });

  it('decides on the keys in order, whatever the chunks (pure reducer)', () => {
    const keys = fc.constantFrom('y', 'e', 's', 'n', ' ', BACKSPACE, ENTER);
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 12 }), (chunks) => {
        expect(typeAll(chunks).approved).toBe(intended(chunks));
      }),
      { numRuns: 2000 },
    );
    expect(typeAll(['y', 'e', 's', ENTER]).approved).toBe(true);
    expect(typeAll(['y', ENTER]).approved).toBe(false);
  });

  it('approves "yes" then Enter written at once, before any re-render (the race that refused it)', async () => {
    const { stdin, frames, answers } = await prompt();
    for (const key of ['y', 'e', 's', ENTER]) stdin.write(key);
    expect(answers).toEqual([true]);
    await vi.waitFor(() => expect(frames.join('\n')).toContain('✓ approved'), WAIT);
  });

  it('refuses anything else, including "y" and a typed-then-erased yes', async () => {
    const { stdin, frames, answers } = await prompt();
    for (const key of ['y', 'e', 's', BACKSPACE, ENTER]) stdin.write(key);
    expect(answers).toEqual([false]);
    await vi.waitFor(() => expect(frames.join('\n')).toContain('✗ not approved (answered "ye")'), WAIT);
    const second = await prompt();
    for (const key of ['y', ENTER]) second.stdin.write(key);
    expect(second.answers).toEqual([false]);
  });

  it('Ctrl-C answers once, as interrupted, and the last frame holds no prompt line', async () => {
    const { stdin, frames, given } = await prompt();
    stdin.write('ye');
    stdin.write('\u0003');
    stdin.write('s\r');
    expect(given).toEqual([{ typed: 'ye', approved: false, interrupted: true }]);
    // The last frame drawn: with CI set, ink writes one more, blank, when it unmounts.
    const drawn = () => frames.filter((frame) => frame.trim() !== '').at(-1) ?? '';
    await vi.waitFor(() => expect(drawn()).toContain('✗ interrupted (Ctrl-C): nothing was changed'), WAIT);
    expect(drawn()).not.toContain('Enter a value');
    expect(drawn()).not.toContain('Apply it?');
    const pasted = await prompt();
    pasted.stdin.write('ye\u0003s\r');
    expect(pasted.given).toEqual([{ typed: 'ye', approved: false, interrupted: true }]);
  });

  it('takes a pasted answer with its newline in one chunk, and answers only once', async () => {
    const { stdin, answers } = await prompt();
    stdin.write('yes\r');
    stdin.write('no\r');
    expect(answers).toEqual([true]);
  });

  it('stress: hundreds of fast key sequences with random delays all get the verdict their keys say', async () => {
    const sequences = fc.sample(
      fc.record({
        chunks: fc.oneof(
          fc.constant(['y', 'e', 's', ENTER]),
          fc.constant(['yes', ENTER]),
          fc.constant(['yes\r']),
          fc.array(fc.constantFrom('y', 'e', 's', 'n', BACKSPACE), { maxLength: 5 }).map((k) => [...k, ENTER]),
        ),
        // 0 = no pause at all (same tick); otherwise a pause of that many ms, sometimes a render's worth.
        delays: fc.array(fc.constantFrom(0, 0, 1, 2, 5, 16), { minLength: 6, maxLength: 6 }),
      }),
      { numRuns: 300, seed: 19 },
    );
    for (const { chunks, delays } of sequences) {
      const { stdin, answers, unmount } = await prompt();
      for (const [i, chunk] of chunks.entries()) {
        const delay = delays[i] ?? 0;
        if (delay > 0) await sleep(delay);
        stdin.write(chunk);
      }
      const expected = intended(chunks);
      expect({ chunks, answers }).toEqual({ chunks, answers: [expected] });
      unmount();
    }
  }, 600_000);
});
