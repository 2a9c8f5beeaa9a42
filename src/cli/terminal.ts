// The terminal side of the console: where input comes from, and the Ctrl-A escape that turns
// keys typed in raw mode into commands for rvisor (as QEMU's -nographic has it).


/**
 * Where console input comes from: the CLI passes stdin. It goes to the first guest, which waits
 * for it while it is open ("end" closes it). A terminal (isTTY and setRawMode) is put in raw
 * mode for the run, keys go to the guest as typed, and Ctrl-A is the escape key.
 */
export interface InputSource {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  off(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  off(event: "end", listener: () => void): unknown;
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  pause?(): unknown;
}

/** Ctrl-A, the escape key in raw mode (as QEMU's -nographic has it). */
const CTRL_A = 0x01;

/**
 * Keystrokes from a raw terminal: Ctrl-A then a key is a command for rvisor (`x` quits, `s`
 * shows the table, anything else the help), Ctrl-A Ctrl-A sends one Ctrl-A; the rest goes on.
 */
export function escapeKeys(send: (bytes: Uint8Array) => void, command: (key: string) => void): (chunk: Uint8Array) => void {
  let escaped = false;
  return (chunk) => {
    const pass: number[] = [];
    for (const b of chunk) {
      if (escaped) {
        escaped = false;
        if (b === CTRL_A) pass.push(b);
        else {
          if (pass.length > 0) send(new Uint8Array(pass.splice(0)));
          command(String.fromCharCode(b).toLowerCase());
        }
      } else if (b === CTRL_A) escaped = true;
      else pass.push(b);
    }
    if (pass.length > 0) send(new Uint8Array(pass));
  };
}
