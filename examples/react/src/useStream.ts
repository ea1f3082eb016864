import { useMemo, useSyncExternalStore, type DependencyList } from 'react'
import type { Observable } from 'rxjs'

/**
 * The latest value of a stream, for a component: subscribes when the component mounts, unsubscribes when it
 * unmounts (or when `deps` change, before subscribing to the new stream). Until the first value, `initial`.
 * A stream that fails throws its error from the render, for an error boundary to show.
 *
 * `make` is called once per `deps`, so the stream is not rebuilt on every render.
 */
export function useStream<T, I>(make: () => Observable<T>, deps: DependencyList, initial: I): T | I {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` stand for what `make` reads
  const store = useMemo(() => streamStore(make(), initial), deps)
  const state = useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot)
  if (state.failed) throw state.error
  return state.value
}

type State<V> = { failed: false; value: V } | { failed: true; error: unknown }

/** The shape useSyncExternalStore wants: `subscribe(onChange)` returning its teardown, and a snapshot. */
function streamStore<T, I>(source: Observable<T>, initial: I) {
  let state: State<T | I> = { failed: false, value: initial }
  return {
    subscribe(onChange: () => void): () => void {
      const subscription = source.subscribe({
        next: (value) => {
          state = { failed: false, value }
          onChange()
        },
        error: (error: unknown) => {
          state = { failed: true, error }
          onChange()
        },
      })
      return () => subscription.unsubscribe()
    },
    snapshot: (): State<T | I> => state,
  }
}
