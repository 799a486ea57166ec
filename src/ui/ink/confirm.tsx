import { Box, render, Text, useApp, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { paint } from './paint.js';

/** Only this exact answer approves: a stray Enter or "y" must not publish DNS changes. */
export const APPROVAL = 'yes';

export interface ConfirmViewProps {
  readonly question: string;
  readonly typed: string;
  /** Set once the answer is given. */
  readonly approved?: boolean;
  readonly color: boolean;
}

export function ConfirmView({ question, typed, approved, color }: ConfirmViewProps) {
  if (approved !== undefined) {
    return (
      <Text>
        <Text {...paint(color, approved ? 'ok' : 'remove')}>{approved ? '✓ approved' : '✗ not approved'}</Text>
        <Text {...paint(color, 'muted')}> ({typed === '' ? 'no answer' : `answered "${typed}"`})</Text>
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...paint(color, 'info')}>?</Text> <Text {...paint(color, 'strong')}>{question}</Text>
      </Text>
      <Text {...paint(color, 'muted')}> Only '{APPROVAL}' will be accepted to approve; anything else cancels.</Text>
      <Text>
        {' '}
        Enter a value: {typed}
        <Text {...paint(color, 'muted')}>▏</Text>
      </Text>
    </Box>
  );
}

export interface ConfirmPromptProps {
  readonly question: string;
  readonly color: boolean;
  readonly onAnswer: (approved: boolean) => void;
}

/** What the prompt knows after some keystrokes: the text so far and, once Enter came, the verdict. */
export interface Answering {
  readonly typed: string;
  readonly approved?: boolean;
}

/** The key flags the prompt reads (a subset of ink's `Key`). */
export interface PromptKey {
  readonly return: boolean;
  readonly backspace: boolean;
  readonly delete: boolean;
  readonly ctrl: boolean;
  readonly meta: boolean;
}

/**
 * One keystroke (or one pasted chunk) applied to the answer so far. Pure, so the verdict depends only
 * on the keys in order, never on when React re-rendered between them.
 */
export function typeKey(state: Answering, input: string, key: PromptKey): Answering {
  if (state.approved !== undefined) return state;
  // Pasted or fast input arrives as one chunk ("yes\r"): the text before the newline counts.
  const newline = input.search(/[\r\n]/);
  if (key.return || newline >= 0) {
    const typed = `${state.typed}${newline > 0 ? input.slice(0, newline) : ''}`;
    return { typed, approved: typed.trim() === APPROVAL };
  }
  if (key.backspace || key.delete) return { typed: state.typed.slice(0, -1) };
  if (!key.ctrl && !key.meta && input !== '') return { typed: state.typed + input };
  return state;
}

/** The interactive wrapper: collects keystrokes until Enter, then answers once and exits. */
export function ConfirmPrompt({ question, color, onAnswer }: ConfirmPromptProps) {
  const { exit } = useApp();
  // The answer lives in a ref, updated as each key arrives: ink re-subscribes the input handler after
  // every render, so a handler that read render state could decide on the text of a stale render
  // (an Enter right after "yes" was refused). React state only mirrors the ref for drawing.
  const answering = useRef<Answering>({ typed: '' });
  const [shown, setShown] = useState<Answering>(answering.current);
  // Exit once the answer is drawn, so the terminal keeps "✓ approved" rather than the prompt.
  useEffect(() => {
    if (shown.approved !== undefined) exit();
  }, [shown, exit]);
  useInput((input, key) => {
    const before = answering.current;
    const after = typeKey(before, input, key);
    if (after === before) return;
    answering.current = after;
    setShown(after);
    if (after.approved !== undefined) onAnswer(after.approved);
  });
  return (
    <ConfirmView
      question={question}
      typed={shown.typed}
      color={color}
      {...(shown.approved === undefined ? {} : { approved: shown.approved })}
    />
  );
}

/** Asks on the process's terminal (stdin), drawing on `out`; Ctrl-C or any answer but "yes" is a no. */
export async function askInTerminal(
  question: string,
  color: boolean,
  out: NodeJS.WriteStream = process.stdout,
): Promise<boolean> {
  let approved = false;
  const app = render(
    <ConfirmPrompt
      question={question}
      color={color}
      onAnswer={(answer) => {
        approved = answer;
      }}
    />,
    { stdout: out, stdin: process.stdin, patchConsole: false, exitOnCtrlC: true },
  );
  await app.waitUntilExit();
  return approved;
}
