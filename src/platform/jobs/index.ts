export {
  defineJob,
  defineSchedule,
  type EnqueueOptions,
  enqueue,
  type JobDefinition,
  type ScheduleDefinition,
} from './jobs.js'
export { countJobs } from './jobs.repo.js'
export { type RunnerOptions, runDueJobs, runJobsUntilIdle, startJobRunner } from './runner.js'
