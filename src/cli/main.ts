import { runCli } from './cli.js'

// A reader that stops early (`liaison openapi | head`) closes the pipe; that is no error worth a trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit()
  throw error
})

// The exit code is set rather than forced with process.exit(), so pending output is flushed;
// every command closes its database, which lets the process end on its own.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
})
