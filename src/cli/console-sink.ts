// Guests' console output on one terminal: with several guests each line is prefixed with its
// VM's name, lines are held back until complete (bounded), and a partial line shows when its VM
// waits or the run ends.

export type Out = (s: string | Uint8Array) => void;

/**
 * The longest console line held back to be prefixed with its VM's name: a guest that never
 * ends a line has it cut here (the rest follows, prefixed again) instead of growing the buffer.
 */
export const CONSOLE_LINE_MAX = 4096;

export interface ConsoleSink {
  write(byte: number): void;
  /** The VM waits: shows a partial line now (a prompt), prefixed; its continuation is not. */
  idle(): void;
  /** Writes out a partial line, ended (at the end of the run). */
  flush(): void;
}

/** The shared output's line: which sink wrote a partial line that is still open on it. */
export interface ConsoleLine {
  owner: ConsoleSink | undefined;
}

/**
 * Console bytes of one VM: raw for a single guest, line-buffered with its name for several. A
 * partial line shown by idle() stays open: the same VM's next bytes continue it unprefixed;
 * another VM's line first ends it, and the continuation is then prefixed again.
 */
export function consoleSink(name: string, prefixed: boolean, out: Out, shared: ConsoleLine = { owner: undefined }): ConsoleSink {
  if (!prefixed) {
    // Raw bytes, gathered into one write per event-loop turn (or per 64 KiB) instead of one per
    // byte: a guest printing megabytes (a virtio-console's buffers) costs the host as many writes
    // as the run yields, not as many as it prints.
    const buffer = new Uint8Array(65536);
    let length = 0;
    let scheduled = false;
    const drain = () => {
      scheduled = false;
      if (length === 0) return;
      out(buffer.slice(0, length));
      length = 0;
    };
    return {
      write: (b) => {
        buffer[length++] = b;
        if (length === buffer.length) drain();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      },
      idle: drain,
      flush: drain,
    };
  }
  const line = new Uint8Array(CONSOLE_LINE_MAX);
  let length = 0;
  // A line just cut at CONSOLE_LINE_MAX: a newline right after it ends nothing more.
  let cut = false;
  // Streaming across a cut, so that a UTF-8 sequence split by it is completed on the next line.
  const decoder = new TextDecoder();
  const emit = (end: "\n" | "", stream: boolean) => {
    const text = decoder.decode(line.subarray(0, length), { stream });
    let head = "";
    if (shared.owner !== sink) {
      if (shared.owner !== undefined) head = "\n"; // another VM's open partial line ends here
      head += `[${name}] `;
    }
    out(head + text + end);
    shared.owner = end === "" ? sink : undefined;
    length = 0;
  };
  const sink: ConsoleSink = {
    write: (b) => {
      if (b === 13) return;
      if (b === 10) {
        if (length > 0 || !cut || shared.owner === sink) emit("\n", false);
        cut = false;
        return;
      }
      cut = false;
      line[length++] = b;
      if (length === CONSOLE_LINE_MAX) {
        emit("\n", true);
        cut = true;
      }
    },
    idle: () => {
      if (length > 0) emit("", true);
    },
    flush: () => {
      if (length > 0 || shared.owner === sink) emit("\n", false);
    },
  };
  return sink;
}
