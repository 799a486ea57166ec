import { Box, render, Text, useApp, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { TrafficportError } from '../../errors.js';
import { paint } from './paint.js';

/** Only this exact answer approves: a stray Enter or "y" must not publish DNS changes. */
export const APPROVAL = 'yes';

export interface ConfirmViewProps {
  readonly question: string;
  readonly typed: string;
  /** Set once the answer is given. */
  readonly approved?: boolean;
  /** Set when Ctrl-C ended the prompt: its lines give way to one line saying so. */
  readonly interrupted?: boolean;
  readonly color: boolean;
}

export function ConfirmView({ question, typed, approved, interrupted, color }: ConfirmViewProps) {
  if (interrupted === true) {
    return <Text {...paint(color, 'remove')}>✗ interrupted (Ctrl-C): nothing was changed</Text>;
  }
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
  readonly onAnswer: (answer: Answering) => void;
  /**
   * Set when SIGINT arrived instead of a Ctrl-C key: before ink puts the terminal in raw mode (or
   * after it lets go), Ctrl-C is a signal, and it must end the prompt the same way.
   */
  readonly signalled?: boolean;
}

/** What the prompt knows after some keystrokes: the text so far and, once Enter came, the verdict. */
export interface Answering {
  readonly typed: string;
  readonly approved?: boolean;
  /** Ctrl-C: not approved, and the command ends as interrupted (exit 130). */
  readonly interrupted?: boolean;
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
  if (key.ctrl && input === 'c') return { typed: state.typed, approved: false, interrupted: true };
  // Pasted or fast input arrives as one chunk ("yes\r", "ye^C"): the text before the first newline
  // or Ctrl-C counts, and whichever comes first decides.
  const newline = input.search(/[\r\n]/);
  const ctrlC = input.indexOf('\u0003');
  if (ctrlC >= 0 && (newline < 0 || ctrlC < newline)) {
    return { typed: `${state.typed}${input.slice(0, ctrlC)}`, approved: false, interrupted: true };
  }
  if (key.return || newline >= 0) {
    const typed = `${state.typed}${newline > 0 ? input.slice(0, newline) : ''}`;
    return { typed, approved: typed.trim() === APPROVAL };
  }
  if (key.backspace || key.delete) return { typed: state.typed.slice(0, -1) };
  if (!key.ctrl && !key.meta && input !== '') return { typed: state.typed + input };
  return state;
}

const NO_KEY: PromptKey = { return: false, backspace: false, delete: false, ctrl: false, meta: false };

/** The interactive wrapper: collects keystrokes until Enter, then answers once and exits. */
export function ConfirmPrompt({ question, color, onAnswer, signalled }: ConfirmPromptProps) {
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
  const type = (input: string, key: PromptKey) => {
    const before = answering.current;
    const after = typeKey(before, input, key);
    if (after === before) return;
    answering.current = after;
    setShown(after);
    if (after.approved !== undefined) onAnswer(after);
  };
  useInput(type);
  useEffect(() => {
    if (signalled === true) type('c', { ...NO_KEY, ctrl: true });
  });
  return (
    <ConfirmView
      question={question}
      typed={shown.typed}
      color={color}
      {...(shown.approved === undefined ? {} : { approved: shown.approved })}
      {...(shown.interrupted === true ? { interrupted: true } : {})}
    />
  );
}

/**
 * Asks on the process's terminal (stdin), drawing on `out`; any answer but "yes" is a no. Ctrl-C
 * replaces the prompt with one line and throws APPLY.INTERRUPTED_AT_PROMPT (exit 130): ink's own
 * Ctrl-C exit would leave the prompt on screen and end as an ordinary "no".
 */
export async function askInTerminal(
  question: string,
  color: boolean,
  out: NodeJS.WriteStream = process.stdout,
): Promise<boolean> {
  let answer: Answering = { typed: '' };
  const prompt = (signalled: boolean) => (
    <ConfirmPrompt
      question={question}
      color={color}
      signalled={signalled}
      onAnswer={(given) => {
        answer = given;
      }}
    />
  );
  const app = render(prompt(false), { stdout: out, stdin: process.stdin, patchConsole: false, exitOnCtrlC: false });
  const onSignal = () => app.rerender(prompt(true));
  process.once('SIGINT', onSignal);
  await app.waitUntilExit().finally(() => process.off('SIGINT', onSignal));
  if (answer.interrupted === true) {
    throw new TrafficportError('APPLY.INTERRUPTED_AT_PROMPT', 'interrupted at the confirmation; nothing was changed');
  }
  return answer.approved === true;
}
