import { useId } from 'react'
import { countsTotal, type Delivery } from '../../src-shared/contract'
import { t } from '../shared/i18n'
import { deliveryIsQuiet, summarizeLoad } from './delivery-meter'

/**
 * The room's delivery budget for the anchor: the last frequency-control window offered against the
 * cap, and per priority what was delivered and what was shed then and over the last 5 minutes —
 * all main's (`delivery` of the room snapshot). Only the embedded room reports its load. Updates
 * once a second while the room is busy, so nothing here is a live region: a screen reader reads
 * it on demand.
 *
 * It is one slim line whatever the load (issue 15 §1: a panel with nothing to say stays small, and
 * the Stage and chat below it never move for it): the bar and what the last second offered; once
 * the budget is tight (a window near the cap, or anything shed, in the last 5 minutes) also the
 * 5-minute counts and "By priority", which opens the table over the panels below (a popover in
 * the top layer) instead of pushing them down.
 */
export function DeliveryMeter({ delivery }: { delivery: Delivery }) {
  const titleId = useId()
  const detailsId = useId()
  const { load, shedRecent, tightRecent } = delivery
  const summary = load ? summarizeLoad(load, shedRecent) : null
  const shed = countsTotal(shedRecent)
  return (
    <section className="panel delivery-meter" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {t('load.title')}
      </h2>
      {!summary ? (
        <p className="delivery-none">{t('load.none')}</p>
      ) : (
        <>
          <div className={`delivery-bar${summary.over > 0 ? ' over' : ''}`} aria-hidden="true">
            <span style={{ width: `${(summary.fill * 100).toFixed(1)}%` }} />
          </div>
          <p className="delivery-total">
            {summary.offered === 0
              ? t('load.quiet')
              : `${t('load.offered', { offered: summary.offered, cap: summary.cap })} · ${
                  summary.over > 0
                    ? t('load.over', { count: summary.over })
                    : t('load.headroom', { count: summary.headroom })
                }`}
          </p>
          {!deliveryIsQuiet(delivery) && (
            <>
              <p className={`delivery-recent${shed > 0 ? ' delivery-shed' : ''}`}>
                {/* What was lost first: at 1280 px the line's end gives way to an ellipsis. */}
                {t('load.shedRecent', { count: shed })}
                {' · '}
                {t('load.tightRecent', { count: tightRecent })}
              </p>
              <button
                type="button"
                className="button button-small delivery-details-button"
                popoverTarget={detailsId}
              >
                {t('load.byPriority')}
              </button>
              <div id={detailsId} popover="auto" className="delivery-details">
                <table className="delivery-table">
                  <caption>{t('load.byPriority')}</caption>
                  {/* The last second as it went, and what the last 5 minutes shed: a burst is
                      over in a second, and what it cost stays in sight. */}
                  <thead>
                    <tr className="delivery-spans">
                      <td />
                      <th scope="colgroup" colSpan={3}>
                        {t('load.lastSecond')}
                      </th>
                      <th scope="col">{t('load.last5Minutes')}</th>
                    </tr>
                    <tr>
                      <th scope="col">{t('load.priority')}</th>
                      <th scope="col">{t('load.offeredCount')}</th>
                      <th scope="col">{t('load.delivered')}</th>
                      <th scope="col">{t('load.shed')}</th>
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
                        <td className={row.shedRecent > 0 ? 'delivery-shed' : undefined}>
                          {row.shedRecent}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  )
}
