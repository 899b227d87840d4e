/** A button that copies a text to the clipboard and says so. */
import { useState } from 'preact/hooks'

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard !== undefined && window.isSecureContext) return navigator.clipboard.writeText(text)
  // Plain http on another host than localhost has no Clipboard API: the old way still works.
  const ta = document.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  ta.style.position = 'fixed'
  ta.style.opacity = '0'
  document.body.appendChild(ta)
  ta.select()
  const ok = document.execCommand('copy')
  ta.remove()
  if (!ok) throw new Error('copy refused')
}

export function CopyButton(props: { text: string | null; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  if (props.text === null) return null
  return (
    <button
      type="button"
      class="small copy"
      aria-label={`Copy ${props.label}`}
      onClick={() => {
        writeClipboard(props.text!).then(
          () => setState('copied'),
          () => setState('failed'),
        )
        setTimeout(() => setState('idle'), 1500)
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  )
}
