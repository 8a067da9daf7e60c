/**
 * Runs every benchmark in bench/ (files named *.bench.ts), or only those whose name contains one of
 * the arguments: `npm run bench -- screening`. Each benchmark prints its own figures.
 */
import { readdirSync } from 'node:fs'
import { machineLine } from './machine.js'

const filters = process.argv.slice(2)
const files = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()

process.stdout.write(`${machineLine()}\n`)
if (files.length === 0) process.stdout.write('no benchmarks matched\n')
for (const file of files) {
  process.stdout.write(`\n=== ${file}\n`)
  const module = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<void> }
  if (typeof module.run !== 'function') throw new Error(`${file} exports no run()`)
  await module.run()
}
