import { serve } from '@hono/node-server'
import { demoPassword, demoUsers, seedDemoIfEmpty } from '../demo/index.js'
import { ensureAssessmentReferenceData } from '../modules/assessment/index.js'
import { ConfigError, loadConfig } from '../platform/config.js'
import { startJobRunner } from '../platform/jobs/index.js'
import { createLogger } from '../platform/logger.js'
import { createApp } from './app.js'
import { openMigratedDatabase, systemContext } from './bootstrap.js'

/** Starts Liaison: configuration, database and migrations, demo data, HTTP server. */
async function main(): Promise<void> {
  const started = performance.now()
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const log = createLogger(config)
  const database = await openMigratedDatabase(config)
  const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL'
  log.info({ dialect: database.dialect, where }, 'database ready')

  // The shipped reference data (control list, vocabulary, areas, rules, checklists) is stored as
  // version 1 on the first start and again whenever a release ships a changed file.
  await ensureAssessmentReferenceData(systemContext(config, database, log))

  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(systemContext(config, database, log))
    if (seeded) log.info('demo institution loaded')
  }

  // Every instance may run jobs: claims are exclusive (SKIP LOCKED) and leased, schedules are
  // taken once per period. JOBS_ENABLED=false makes an instance serve HTTP only.
  const jobLog = log.child({ component: 'jobs' })
  const jobs = config.jobs.enabled
    ? startJobRunner({
        context: () => systemContext(config, database, jobLog),
        leaseMs: config.jobs.leaseMs,
        pollMs: config.jobs.pollMs,
        batch: config.jobs.batchSize,
      })
    : { stop: async () => {} }
  const app = createApp({ config, database, log })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const ms = Math.round(performance.now() - started)
    log.info({ port: info.port, host: config.host, startupMs: ms }, 'listening')
    const lines = [
      `\n  Liaison is running at ${config.publicUrl}  (listening on port ${info.port}, started in ${ms} ms, ${where})\n`,
    ]
    if (config.seedDemo) {
      lines.push(`  Demo accounts (password "${demoPassword}"):`)
      lines.push(`    ${demoUsers.map((user) => user.username).join(', ')}\n`)
    }
    process.stdout.write(`${lines.join('\n')}\n`)
  })

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down')
    server.close(() => {
      jobs
        .stop()
        .then(() => database.close())
        .finally(() => process.exit(0))
    })
    // Connections that do not close in time are cut.
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((error: unknown) => {
  console.error('Liaison could not start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
