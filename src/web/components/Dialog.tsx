import { type ReactNode, useEffect, useId, useRef } from 'react'
import { useT } from '../i18n/i18n.js'

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, closes on Escape and
 * returns focus to where it was, so the dialog is accessible without extra code.
 */
export function Dialog({
  title,
  isOpen,
  onClose,
  children,
  wide = false,
}: {
  title: string
  isOpen: boolean
  onClose: () => void
  children: ReactNode
  wide?: boolean
}) {
  const t = useT()
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (isOpen && !dialog.open) dialog.showModal()
    if (!isOpen && dialog.open) dialog.close()
  }, [isOpen])

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Let React state decide; the effect closes the element.
        event.preventDefault()
        onClose()
      }}
    >
      {isOpen && (
        <>
          <div className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
          <div className="dialog__body">{children}</div>
        </>
      )}
    </dialog>
  )
}
