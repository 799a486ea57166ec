/** A stream as commands see it: Node's streams, or a test's capture. */
export interface ChunkSink {
  write(text: string): unknown;
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  removeListener?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  readonly destroyed?: boolean;
}

/** The most text handed to one write: large outputs go out in pieces of about this size. */
export const WRITE_LIMIT = 64 * 1024;

/**
 * Writes text pieces to a stream, gathered into writes of up to about WRITE_LIMIT characters
 * (a piece larger than that is written alone), waiting for 'drain' when the stream asks to, so
 * neither a string nor the stream's buffer ever holds the whole output. A stream that closes
 * (a reader gone: `| head`) ends the writing quietly, as the process's EPIPE handler wants.
 */
export async function writeChunks(sink: ChunkSink, pieces: Iterable<string>): Promise<void> {
  let buffer = '';
  const flush = async () => {
    const accepted = sink.write(buffer);
    buffer = '';
    if (accepted === false && sink.once !== undefined) await drained(sink);
  };
  for (const piece of pieces) {
    if (sink.destroyed === true) return;
    if (buffer.length > 0 && buffer.length + piece.length > WRITE_LIMIT) await flush();
    buffer += piece;
  }
  if (buffer.length > 0 && sink.destroyed !== true) await flush();
}

function drained(sink: ChunkSink): Promise<void> {
  const events = ['drain', 'close', 'error'] as const;
  return new Promise<void>((resolve) => {
    const done = () => {
      for (const event of events) sink.removeListener?.(event, done);
      resolve();
    };
    for (const event of events) sink.once?.(event, done);
  });
}
