import { Badge } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { useT } from '../../i18n/i18n.js'
import { trainingApi } from './api.js'

/** The training summaries of the cases in the office queue, loaded in one request. */
export function useCaseTrainingSummaries(caseIds: readonly string[]) {
  const unique = [...new Set(caseIds)].sort()
  const key = unique.join(',')
  return useAsync(() => trainingApi.caseSummaries(unique), [key])
}

/** Under the case in the office queue: whether everyone on the case completed their required trainings. */
export function QueueTrainingCell({
  summaries,
  caseId,
}: {
  summaries: ReturnType<typeof useCaseTrainingSummaries>
  caseId: string
}) {
  const t = useT()
  const summary = summaries.data?.find((entry) => entry.collaborationId === caseId)
  // Nothing to show while loading, or when nobody on the case must take a training.
  if (!summary || summary.required === 0) return null
  return (
    <span className="queue-training">
      {summary.complete ? (
        <Badge tone="success">{t('training.queue.complete')}</Badge>
      ) : (
        <Badge tone="warning">{t('training.queue.missing', { count: summary.missing })}</Badge>
      )}
    </span>
  )
}
