import { type DependencyList, useCallback, useEffect, useState } from 'react'

/** The state of data being loaded from the API. */
export interface AsyncState<T> {
  data: T | undefined
  error: unknown
  isLoading: boolean
  /** Loads again (after a change, or when the user asks to retry). */
  reload: () => void
  /** Replaces the loaded data locally, e.g. with the record a save returned. */
  setData: (update: (current: T | undefined) => T | undefined) => void
}

/** Runs an async loader when the dependencies change and tracks its result; stale answers are ignored. */
export function useAsync<T>(loader: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(null)
  const [isLoading, setLoading] = useState(true)
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to reload.
  useEffect(() => {
    let cancelled = false
    setLoading(true)
    loader()
      .then((result) => {
        if (cancelled) return
        setDataState(result)
        setError(null)
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(caught)
      })
      .finally(() => {
        if (!cancelled) setLoading(false)
      })
    return () => {
      cancelled = true
    }
  }, [...deps, attempt])

  const reload = useCallback(() => setAttempt((count) => count + 1), [])
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState(update), [])
  return { data, error, isLoading, reload, setData }
}
