import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmPrompt, ConfirmView } from '../../src/ui/ink/confirm.js';

afterEach(() => cleanup());

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
  await vi.waitFor(() => expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0));
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
    const { stdin, lastFrame, answers } = await prompt();
    stdin.write('yes');
    await vi.waitFor(() => expect(lastFrame()).toContain('Enter a value: yes'));
    stdin.write('\r');
    await vi.waitFor(() => expect(answers).toEqual([true]));
    await vi.waitFor(() => expect(lastFrame()).toContain('✓ approved'));
  });

  it('refuses anything else, including "y" and a typed-then-erased yes', async () => {
    const { stdin, lastFrame, answers } = await prompt();
    stdin.write('yes');
    await vi.waitFor(() => expect(lastFrame()).toContain('Enter a value: yes'));
    stdin.write('\u007f');
    await vi.waitFor(() => expect(lastFrame()).toMatch(/Enter a value: ye\b/));
    stdin.write('\r');
    await vi.waitFor(() => expect(answers).toEqual([false]));
    await vi.waitFor(() => expect(lastFrame()).toContain('✗ not approved (answered "ye")'));
  });

  it('takes a pasted answer with its newline in one chunk', async () => {
    const { stdin, answers } = await prompt();
    stdin.write('yes\r');
    await vi.waitFor(() => expect(answers).toEqual([true]));
  });
});
