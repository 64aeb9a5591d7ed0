import { useId } from 'react'
import type { Delivery } from '../../src-shared/contract'
import { t } from '../shared/i18n'
import { deliveryIsQuiet, summarizeLoad } from './delivery-meter'

/**
 * The room's delivery budget for the anchor: the last frequency-control window offered against the
 * cap, and per priority what was delivered and what was shed, plus the shed count over the last
 * 5 minutes — all main's (`delivery` of the room snapshot). Only the embedded room reports its
 * load. Updates once a second while the room is busy, so nothing here is a live region: a screen
 * reader reads it on demand. It is one slim line — quiet, or what the last second offered against
 * the cap — until the budget is tight (a window near the cap, or anything shed in the last 5
 * minutes); only then does it grow the table by priority (issue 15 §1: a panel with nothing to say
 * stays small, and the panels below it do not jump each time the room sends a line). On the
 * dashboard it is the Delivery panel, one slim track while quiet and its own height once tight.
 */
export function DeliveryMeter({ delivery }: { delivery: Delivery }) {
  const titleId = useId()
  const { load, shedRecent, tightRecent } = delivery
  const summary = load ? summarizeLoad(load) : null
  if (!summary || deliveryIsQuiet(delivery)) {
    return (
      <section className="panel delivery-meter delivery-slim" aria-labelledby={titleId}>
        <h2 id={titleId} className="panel-title">
          {t('load.title')}
        </h2>
        <p className="delivery-none">
          {!summary
            ? t('load.none')
            : summary.offered === 0
              ? t('load.quiet')
              : `${t('load.offered', { offered: summary.offered, cap: summary.cap })} · ${t('load.headroom', { count: summary.headroom })}`}
        </p>
      </section>
    )
  }
  return (
    <section className="panel delivery-meter" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {t('load.title')}
      </h2>
      {!summary ? (
        <p className="delivery-none">{t('load.none')}</p>
      ) : (
        <div className="delivery-body">
          <div className="delivery-total">
            <div className={`delivery-bar${summary.over > 0 ? ' over' : ''}`} aria-hidden="true">
              <span style={{ width: `${(summary.fill * 100).toFixed(1)}%` }} />
            </div>
            <p>
              {t('load.offered', { offered: summary.offered, cap: summary.cap })}
              {' · '}
              {summary.over > 0
                ? t('load.over', { count: summary.over })
                : t('load.headroom', { count: summary.headroom })}
            </p>
          </div>
          <table className="delivery-table">
            <caption>{t('load.byPriority')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('load.priority')}</th>
                <th scope="col">{t('load.offeredCount')}</th>
                <th scope="col">{t('load.delivered')}</th>
                <th scope="col">{t('load.shed')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((row) => (
                <tr key={row.priority}>
                  <th scope="row">{t(`load.priority.${row.priority}`)}</th>
                  <td>{row.offered}</td>
                  <td>{row.delivered}</td>
                  <td className={row.shed > 0 ? 'delivery-shed' : undefined}>{row.shed}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="delivery-recent">
            {t('load.tightRecent', { count: tightRecent })}
            {' · '}
            {t('load.shedRecent', { count: shedRecent })}
          </p>
        </div>
      )}
    </section>
  )
}
