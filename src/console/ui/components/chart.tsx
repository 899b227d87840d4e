/**
 * A small line chart in SVG: time on x, one or more series on y, with a readable axis, a legend
 * and a text summary for screen readers. Hand-rolled: a charting library would outweigh the
 * whole console for two line charts.
 */
import type { RefObject } from 'preact'
import { useLayoutEffect, useRef, useState } from 'preact/hooks'

export interface Series {
  name: string
  color: string
  points: { t: number; v: number | null }[]
}

const H = 200
const PAD = { l: 52, r: 12, t: 12, b: 26 }

function niceMax(v: number): number {
  if (v <= 0) return 1
  const p = 10 ** Math.floor(Math.log10(v))
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p
  return 10 * p
}

const short = (v: number): string =>
  v >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : v >= 10 || v === 0 ? String(Math.round(v)) : v.toFixed(1)

/** The element's width in CSS pixels, so the SVG is drawn 1:1 and its text is never stretched. */
function useWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null)
  const [w, setW] = useState(640)
  useLayoutEffect(() => {
    const el = ref.current
    if (el === null) return
    const ro = new ResizeObserver(() => setW(Math.max(200, Math.round(el.clientWidth - 24))))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  return [ref, w]
}

export function LineChart(props: { title: string; series: Series[]; unit: string; empty?: string }) {
  const [ref, W] = useWidth()
  const all = props.series.flatMap((s) => s.points)
  const ts = all.map((p) => p.t)
  const vs = all.flatMap((p) => (p.v === null ? [] : [p.v]))
  if (ts.length < 2) {
    return (
      <figure class="chart" ref={ref} aria-label={props.title}>
        <figcaption>{props.title}</figcaption>
        <p class="muted chart-empty">{props.empty ?? 'Collecting samples…'}</p>
      </figure>
    )
  }
  const t0 = Math.min(...ts)
  const t1 = Math.max(...ts)
  const max = niceMax(Math.max(0, ...vs))
  const x = (t: number): number => PAD.l + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.l - PAD.r)
  const y = (v: number): number => H - PAD.b - (v / max) * (H - PAD.t - PAD.b)
  const ticks = [0, max / 2, max]
  const last = props.series.map((s) => `${s.name}: ${short([...s.points].reverse().find((p) => p.v !== null)?.v ?? 0)} ${props.unit}`).join(', ')
  return (
    <figure class="chart" ref={ref}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}. Latest: ${last}`} width={W} height={H}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} class="grid" />
            <text x={PAD.l - 6} y={y(v) + 4} text-anchor="end" class="axis">
              {short(v)}
            </text>
          </g>
        ))}
        <text x={PAD.l} y={H - 6} class="axis">
          {new Date(t0).toLocaleTimeString()}
        </text>
        <text x={W - PAD.r} y={H - 6} text-anchor="end" class="axis">
          {new Date(t1).toLocaleTimeString()}
        </text>
        {props.series.map((s) => {
          let d = ''
          let pen = false
          for (const p of s.points) {
            if (p.v === null) {
              pen = false
              continue
            }
            d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`
            pen = true
          }
          return <path key={s.name} d={d} fill="none" stroke={s.color} stroke-width="2" stroke-linejoin="round" />
        })}
      </svg>
      <ul class="legend">
        {props.series.map((s) => (
          <li key={s.name}>
            <span class="swatch" style={{ background: s.color }} />
            {s.name}
          </li>
        ))}
        <li class="muted">{props.unit}</li>
      </ul>
    </figure>
  )
}
