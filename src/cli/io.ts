/** Where a command writes. Injected so tests run commands in-process and read what they print. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: colour and progress lines. */
  interactive: boolean;
  /** Asks a yes/no question on the terminal; undefined when there is none to ask. */
  ask?: (question: string) => Promise<string>;
}

export function processIo(): CommandIo {
  const interactive = Boolean(process.stderr.isTTY) && !process.env['NO_COLOR'];
  const io: CommandIo = {
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    interactive,
  };
  if (process.stdin.isTTY) {
    io.ask = async (question) => {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    };
  }
  return io;
}
