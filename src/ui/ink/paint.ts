import type { TextProps } from 'ink';

export type Tone = 'add' | 'change' | 'remove' | 'warn' | 'info' | 'muted' | 'strong' | 'ok';

const TONES: Readonly<Record<Tone, TextProps>> = {
  add: { color: 'green' },
  change: { color: 'yellow' },
  remove: { color: 'red' },
  warn: { color: 'yellow' },
  info: { color: 'cyan' },
  muted: { dimColor: true },
  strong: { bold: true },
  ok: { color: 'green' },
};

/**
 * Text props for a tone, or none at all when color is off: NO_COLOR and --no-color turn off
 * every escape code (bold and dim too), not only hues.
 */
export function paint(color: boolean, tone: Tone): TextProps {
  return color ? TONES[tone] : {};
}

/** Text props for an exact color (a cloud's), or none when color is off. */
export function hue(color: boolean, value: string | undefined): TextProps {
  return color && value !== undefined ? { color: value } : {};
}
