import { Box, render, Text, useApp, useInput } from 'ink';
import { useEffect, useState } from 'react';
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

/** The interactive wrapper: collects keystrokes until Enter, then answers once and exits. */
export function ConfirmPrompt({ question, color, onAnswer }: ConfirmPromptProps) {
  const { exit } = useApp();
  const [typed, setTyped] = useState('');
  const [approved, setApproved] = useState<boolean | undefined>(undefined);
  // Exit once the answer is committed, so the terminal keeps "✓ approved" rather than the prompt.
  useEffect(() => {
    if (approved !== undefined) exit();
  }, [approved, exit]);
  useInput((input, key) => {
    if (approved !== undefined) return;
    // Pasted or fast input arrives as one chunk ("yes\r"): the text before the newline counts.
    const newline = input.search(/[\r\n]/);
    if (key.return || newline >= 0) {
      const answer = `${typed}${newline > 0 ? input.slice(0, newline) : ''}`;
      setTyped(answer);
      setApproved(answer.trim() === APPROVAL);
      onAnswer(answer.trim() === APPROVAL);
    } else if (key.backspace || key.delete) {
      setTyped((text) => text.slice(0, -1));
    } else if (!key.ctrl && !key.meta && input !== '') {
      setTyped((text) => text + input);
    }
  });
  return (
    <ConfirmView question={question} typed={typed} color={color} {...(approved === undefined ? {} : { approved })} />
  );
}

/** Asks on the process's terminal; Ctrl-C or any answer but "yes" is a no. */
export async function askInTerminal(question: string, color: boolean): Promise<boolean> {
  let approved = false;
  const app = render(
    <ConfirmPrompt
      question={question}
      color={color}
      onAnswer={(answer) => {
        approved = answer;
      }}
    />,
    { stdout: process.stdout, stdin: process.stdin, patchConsole: false, exitOnCtrlC: true },
  );
  await app.waitUntilExit();
  return approved;
}
