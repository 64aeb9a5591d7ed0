import { useId } from 'react'
import type { AudienceView } from '../../../src-shared/protocol/audience'
import { t } from '../../shared/i18n'

/**
 * The room's audience side by side (issue 12 §3): concurrent, unique and peak viewers and the
 * heat, as main last heard them from the business host. Each figure keeps one meaning, said in
 * the panel's help line, so nobody reads one for another.
 */
export function AudiencePanel({ audience }: { audience: AudienceView | null }) {
  const id = useId()
  const figures = [
    ['audience.concurrent', audience?.concurrent],
    ['audience.unique', audience?.unique],
    ['audience.peak', audience?.peak],
    ['audience.heat', audience?.heat],
  ] as const
  return (
    <section className="panel panel-audience" aria-labelledby={`${id}-title`}>
      <h2 className="panel-title" id={`${id}-title`}>
        {t('audience.title')}
      </h2>
      <dl className="audience-figures" aria-describedby={`${id}-help`}>
        {figures.map(([label, value]) => (
          <div key={label} className="audience-figure">
            <dt>{t(label)}</dt>
            <dd>{value ?? '–'}</dd>
          </div>
        ))}
      </dl>
      {audience === null && <p className="placeholder">{t('audience.none')}</p>}
      <p className="panel-note" id={`${id}-help`}>
        {t('audience.help')}
      </p>
    </section>
  )
}
