import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmPrompt, ConfirmView } from '../../src/ui/ink/confirm.js';

afterEach(() => cleanup());

/** Generous: CI machines are shared, and ink renders on its own schedule. */
const WAIT = { timeout: 10_000, interval: 20 };

/** Renders the prompt and waits until ink listens to its stdin, so no keystroke is lost. */
async function prompt() {
  const answers: boolean[] = [];
  const app = render(
    createElement(ConfirmPrompt, {
      question: 'Plan: 3 to create. Apply it?',
      color: false,
      onAnswer: (a) => answers.push(a),
    }),
  );
  await vi.waitFor(() => expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0), WAIT);
  return { ...app, answers };
}

describe('confirmation', () => {
  it('asks the question and says that only yes approves', () => {
    const { lastFrame } = render(createElement(ConfirmView, { question: 'Apply it?', typed: 'ye', color: false }));
    expect(lastFrame()).toContain('? Apply it?');
    expect(lastFrame()).toContain("Only 'yes' will be accepted to approve");
    expect(lastFrame()).toContain('Enter a value: ye');
  });

  it('approves on "yes" and Enter', async () => {
    const { stdin, lastFrame, frames, answers } = await prompt();
    stdin.write('yes');
    await vi.waitFor(() => expect(lastFrame()).toContain('Enter a value: yes'), WAIT);
    stdin.write('\r');
    await vi.waitFor(() => expect(answers).toEqual([true]), WAIT);
    // The app unmounts after answering; the verdict is in the frames it drew, not the last one.
    await vi.waitFor(() => expect(frames.join('\n')).toContain('✓ approved'), WAIT);
  });

  it('refuses anything else, including "y" and a typed-then-erased yes', async () => {
    const { stdin, lastFrame, frames, answers } = await prompt();
    stdin.write('yes');
    await vi.waitFor(() => expect(lastFrame()).toContain('Enter a value: yes'), WAIT);
    stdin.write('\u007f');
    await vi.waitFor(() => expect(lastFrame()).toMatch(/Enter a value: ye\b/), WAIT);
    stdin.write('\r');
    await vi.waitFor(() => expect(answers).toEqual([false]), WAIT);
    await vi.waitFor(() => expect(frames.join('\n')).toContain('✗ not approved (answered "ye")'), WAIT);
  });

  it('takes a pasted answer with its newline in one chunk', async () => {
    const { stdin, answers } = await prompt();
    stdin.write('yes\r');
    await vi.waitFor(() => expect(answers).toEqual([true]), WAIT);
  });
});
