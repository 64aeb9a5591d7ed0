import { useCallback, useEffect, useRef, useState } from 'react'
import {
  appendToSeries,
  withMarkers,
  type ContractError,
  type TimelineSeries,
  type TimelineShows,
} from '../../../src-shared/contract'
import type { Api } from '../../shared/api'

/**
 * The Timeline panel's mirror of main (console/timeline/): the shows main keeps and the chosen
 * one's series, read on every (re)connect, then each second's `timeline:ticked` appended while
 * the chosen show is the one being sampled. The first show shown is the current one (or the
 * newest); a show picked by hand stays picked.
 */
export function useTimeline(api: Api) {
  const [shows, setShows] = useState<TimelineShows | null>(null)
  const [picked, setPicked] = useState<string | null>(null)
  const [series, setSeries] = useState<TimelineSeries | null>(null)
  const [error, setError] = useState<ContractError | null>(null)
  const pickedByHand = useRef(false)
  const shownId = useRef<string | null>(null)

  const load = useCallback(
    async (showId: string) => {
      shownId.current = showId
      const result = await api.call('timeline:get-series', { showId })
      if (shownId.current !== showId) return
      if (result.ok) {
        setError(null)
        setSeries(result.value)
      } else setError(result.error)
    },
    [api],
  )

  const reload = useCallback(async () => {
    const result = await api.call('timeline:list-shows', {})
    if (!result.ok) return setError(result.error)
    setShows(result.value)
    const keep =
      pickedByHand.current && result.value.shows.some((show) => show.id === shownId.current)
    const showId = keep
      ? shownId.current
      : (result.value.current ?? result.value.shows[0]?.id ?? null)
    setPicked(showId)
    if (showId) await load(showId)
    else {
      shownId.current = null
      setSeries(null)
    }
  }, [api, load])

  useEffect(
    () =>
      api.onLink((link) => {
        if (link === 'open') void reload()
      }),
    [api, reload],
  )

  useEffect(
    () =>
      api.on('timeline:ticked', (tick) => {
        // The first read is on its way; it brings this second too.
        if (!shows) return
        const known = shows.shows.some((show) => show.id === tick.showId)
        // A show began (or this one's first second): the list and, unless one was picked, the chart follow.
        if (tick.showId !== null && (!known || shows.current !== tick.showId)) {
          void reload()
          return
        }
        const markers = tick.markers
          .filter((entry) => entry.showId === shownId.current)
          .map((entry) => entry.marker)
        setSeries((current) => {
          if (!current || current.show.id !== shownId.current) return current
          if (tick.showId === current.show.id) return appendToSeries(current, tick.sample, markers)
          return withMarkers(current, markers)
        })
        if (tick.showId === null && shows.current !== null) void reload()
      }),
    [api, reload, shows],
  )

  const pick = useCallback(
    (showId: string) => {
      pickedByHand.current = true
      setPicked(showId)
      void load(showId)
    },
    [load],
  )

  return { shows, picked, series, error, pick }
}
