import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** One message the test SMTP server received. */
export interface ReceivedMail {
  from: string
  to: string[]
  data: string
  /** The message with quoted-printable soft line breaks and escapes decoded (enough for assertions). */
  text: string
}

function decodeQuotedPrintable(data: string): string {
  const bytes = data
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_all, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** A real SMTP server on a free loopback port that keeps what it receives; it can be told to fail. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = []
  let failing = false
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (failing) {
          callback(Object.assign(new Error('Service unavailable, try later'), { responseCode: 451 }))
          return
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((address) => address.address),
          data: Buffer.concat(chunks).toString('utf8'),
          text: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  // listen() on a TCP port always yields an AddressInfo.
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    setFailing(value: boolean) {
      failing = value
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
