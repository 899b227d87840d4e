/**
 * A modal built on <dialog>: the browser traps focus, Escape closes it, and focus returns to
 * what opened it. `ConfirmDialog` asks before something that cannot be undone, and for the
 * worst of those makes the user type the name.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'

export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (d === null) return
    if (props.open && !d.open) d.showModal()
    if (!props.open && d.open) d.close()
  }, [props.open])
  return (
    <dialog ref={ref} class={props.wide === true ? 'wide' : ''} aria-labelledby="dialog-title" onClose={props.onClose}>
      {props.open && (
        <>
          <header class="dialog-header">
            <h2 id="dialog-title">{props.title}</h2>
            <button type="button" class="icon" aria-label="Close dialog" onClick={props.onClose}>
              ×
            </button>
          </header>
          <div class="dialog-body">{props.children}</div>
        </>
      )}
    </dialog>
  )
}

export function ConfirmDialog(props: {
  open: boolean
  title: string
  message: ComponentChildren
  confirmLabel: string
  /** When set, the user must type this to confirm. */
  typeToConfirm?: string
  onConfirm: () => Promise<void>
  onClose: () => void
}) {
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (props.open) {
      setTyped('')
      setError(null)
    }
  }, [props.open])
  const ok = props.typeToConfirm === undefined || typed === props.typeToConfirm
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          if (!ok) return
          setBusy(true)
          setError(null)
          try {
            await props.onConfirm()
            props.onClose()
          } catch (err) {
            setError((err as Error).message)
          } finally {
            setBusy(false)
          }
        }}
      >
        <div>{props.message}</div>
        {props.typeToConfirm !== undefined && (
          <label class="field">
            <span>
              Type <code>{props.typeToConfirm}</code> to confirm
            </span>
            <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autoComplete="off" autoFocus />
          </label>
        )}
        {error !== null && (
          <p class="error-text" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="danger" disabled={!ok || busy}>
            {busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
