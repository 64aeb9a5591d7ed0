import type { DanmakuOverlay, StageSettings } from '../../../src-shared/contract/stage'
import { t } from '../../shared/i18n'

type Position = DanmakuOverlay['position']
const positions: Position[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right']
const defaults: DanmakuOverlay = {
  kind: 'danmaku',
  mode: 'scroll',
  area: 'top',
  position: 'bottom-left',
  size: 32,
  speed: 'normal',
  opacity: 0.9,
  lines: 6,
  gifts: false,
  inRecording: true,
}

/**
 * The room's chat drawn into the pushed picture (the seed's Live Director): scrolling danmaku,
 * or a box of the latest lines in a corner.
 */
export function DanmakuFields(props: {
  draft: StageSettings
  onChange(next: StageSettings): void
}) {
  const { draft, onChange } = props
  const danmaku = draft.overlays.find((o): o is DanmakuOverlay => o.kind === 'danmaku')
  const put = (next: DanmakuOverlay | null) => {
    const others = draft.overlays.filter((o) => o.kind !== 'danmaku')
    onChange({ ...draft, overlays: next ? [...others, next] : others })
  }
  const number = (
    label: string,
    value: number,
    range: [number, number],
    set: (n: number) => void,
  ) => (
    <label>
      {label}
      <input
        type="number"
        min={range[0]}
        max={range[1]}
        value={value}
        onChange={(e) => {
          const n = Math.round(Number(e.target.value))
          if (Number.isFinite(n)) set(Math.min(range[1], Math.max(range[0], n)))
        }}
      />
    </label>
  )
  return (
    <fieldset className="overlays danmaku">
      <legend>
        <label className="check">
          <input
            type="checkbox"
            checked={!!danmaku}
            onChange={(e) => put(e.target.checked ? (danmaku ?? defaults) : null)}
          />
          {t('stage.danmaku')}
        </label>
      </legend>
      {danmaku && (
        <>
          <p className="field-note">{t('stage.danmaku.note')}</p>
          <div className="overlay-row">
            <label>
              {t('stage.danmaku.mode')}
              <select
                value={danmaku.mode}
                onChange={(e) =>
                  put({ ...danmaku, mode: e.target.value as DanmakuOverlay['mode'] })
                }
              >
                <option value="scroll">{t('stage.danmaku.mode.scroll')}</option>
                <option value="box">{t('stage.danmaku.mode.box')}</option>
              </select>
            </label>
            {danmaku.mode === 'scroll' ? (
              <>
                <label>
                  {t('stage.danmaku.area')}
                  <select
                    value={danmaku.area}
                    onChange={(e) =>
                      put({ ...danmaku, area: e.target.value as DanmakuOverlay['area'] })
                    }
                  >
                    {(['top', 'full', 'bottom'] as const).map((area) => (
                      <option key={area} value={area}>
                        {t(`stage.danmaku.area.${area}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('stage.danmaku.speed')}
                  <select
                    value={danmaku.speed}
                    onChange={(e) =>
                      put({ ...danmaku, speed: e.target.value as DanmakuOverlay['speed'] })
                    }
                  >
                    {(['slow', 'normal', 'fast'] as const).map((speed) => (
                      <option key={speed} value={speed}>
                        {t(`stage.danmaku.speed.${speed}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            ) : (
              <>
                <label>
                  {t('stage.danmaku.position')}
                  <select
                    value={danmaku.position}
                    onChange={(e) => put({ ...danmaku, position: e.target.value as Position })}
                  >
                    {positions.map((p) => (
                      <option key={p} value={p}>
                        {t(`stage.position.${p}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {number(t('stage.danmaku.lines'), danmaku.lines, [1, 12], (lines) =>
                  put({ ...danmaku, lines }),
                )}
              </>
            )}
          </div>
          <div className="overlay-row">
            {number(t('stage.danmaku.size'), danmaku.size, [12, 96], (size) =>
              put({ ...danmaku, size }),
            )}
            {number(
              t('stage.danmaku.opacity'),
              Math.round(danmaku.opacity * 100),
              [10, 100],
              (percent) => put({ ...danmaku, opacity: percent / 100 }),
            )}
            <label className="check">
              <input
                type="checkbox"
                checked={danmaku.gifts}
                onChange={(e) => put({ ...danmaku, gifts: e.target.checked })}
              />
              {t('stage.danmaku.gifts')}
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={danmaku.inRecording}
                onChange={(e) => put({ ...danmaku, inRecording: e.target.checked })}
              />
              {t('stage.danmaku.inRecording')}
            </label>
          </div>
        </>
      )}
    </fieldset>
  )
}
