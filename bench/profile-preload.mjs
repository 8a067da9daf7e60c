// Preloaded into app processes by the load benchmark when LOAD_PROFILE_DIR is set:
// records a CPU profile of the whole run and writes it (.cpuprofile, for Chrome DevTools) at exit.
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { join } from 'node:path'

const dir = process.env.LOAD_PROFILE_DIR
if (dir) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.start')
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `app-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
    })
  })
}
