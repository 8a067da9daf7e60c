import nodemailer, { type Transporter } from 'nodemailer'
import type { Config } from './config.js'

/** One e-mail to send. */
export interface MailMessage {
  to: string
  subject: string
  text: string
}

const transports = new Map<string, Transporter>()

/** Whether e-mail is configured (SMTP_URL); without it, notifications stay in the app. */
export function isMailConfigured(config: Pick<Config, 'mail'>): boolean {
  return config.mail.smtpUrl !== null
}

/**
 * Sends one e-mail over SMTP.
 * @throws the transport's error (the job queue retries later)
 */
export async function sendMail(config: Pick<Config, 'mail'>, message: MailMessage): Promise<void> {
  const url = config.mail.smtpUrl
  if (!url) throw new Error('SMTP_URL is not configured')
  let transport = transports.get(url)
  if (!transport) {
    transport = nodemailer.createTransport(url)
    transports.set(url, transport)
  }
  await transport.sendMail({
    from: config.mail.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
  })
}
