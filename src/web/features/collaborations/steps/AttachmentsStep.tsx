import { useId, useRef, useState } from 'react'
import type { Attachment } from '../../../../modules/collaborations/collaboration.schema.js'
import { api, isApiError } from '../../../api/client.js'
import { Alert, useErrorMessage } from '../../../components/Feedback.js'
import { TextField } from '../../../components/Form.js'
import { useAsync } from '../../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../../i18n/i18n.js'
import { FormSection } from '../formParts.js'

/**
 * The file types the server accepts (see attachment.rules.ts; the API does not list them yet, so
 * the browser keeps this copy for the file picker and the hint).
 */
export const acceptedExtensions = [
  'pdf',
  'docx',
  'doc',
  'xlsx',
  'xls',
  'pptx',
  'odt',
  'ods',
  'png',
  'jpg',
  'jpeg',
  'txt',
  'csv',
  'md',
]
/** The default size limit of the server (ATTACHMENT_MAX_MB); the API does not announce it yet. */
export const attachmentLimitMb = 20

/** A file size in words (kB / MB). */
export function formatSize(locale: string, bytes: number): string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  if (bytes < 1024 * 1024) return `${format.format(Math.max(1, Math.round(bytes / 1024)))} kB`
  return `${format.format(bytes / 1024 / 1024)} MB`
}

/** The list of attached files with download links and, when editable, a remove button. */
export function AttachmentList({
  caseId,
  attachments,
  onRemove,
}: {
  caseId: string
  attachments: readonly Attachment[]
  onRemove?: (attachment: Attachment) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  if (attachments.length === 0) return <p className="muted">{t('collab.attachments.none')}</p>
  return (
    <ul className="file-list">
      {attachments.map((attachment) => (
        <li key={attachment.id} className="file-list__item">
          <span className="file-list__icon" aria-hidden="true">
            {attachment.fileName.split('.').pop()?.toUpperCase().slice(0, 4)}
          </span>
          <span className="file-list__text">
            <a href={api.collaborations.attachmentUrl(caseId, attachment.id)} download={attachment.fileName}>
              {attachment.fileName}
            </a>
            <span className="table__secondary">
              {formatSize(locale, attachment.size)} · {formatDateTime(locale, attachment.createdAt)}
              {attachment.description ? ` · ${attachment.description}` : ''}
            </span>
          </span>
          {onRemove && (
            <button
              type="button"
              className="button button--danger-ghost button--small"
              aria-label={t('collab.attachments.removeLabel', { name: attachment.fileName })}
              onClick={() => onRemove(attachment)}
            >
              {t('collab.form.remove')}
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}

/** Step 8: draft agreements, partner descriptions and other files. */
export function AttachmentsStep({
  caseId,
  onCreateDraft,
}: {
  caseId: string | null
  onCreateDraft: () => void
}) {
  const t = useT()
  const message = useErrorMessage()
  const fileId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [description, setDescription] = useState('')
  const [isUploading, setUploading] = useState(false)
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const attachments = useAsync(
    () => (caseId ? api.collaborations.attachments(caseId) : Promise.resolve([])),
    [caseId],
  )
  const types = acceptedExtensions.map((extension) => `.${extension}`).join(', ')

  if (!caseId) {
    return (
      <FormSection
        title={t('collab.form.section.attachments')}
        intro={t('collab.form.section.attachmentsIntro')}
      >
        <p>{t('collab.attachments.needsDraft')}</p>
        <div>
          <button type="button" className="button button--secondary" onClick={onCreateDraft}>
            {t('collab.attachments.createDraft')}
          </button>
        </div>
      </FormSection>
    )
  }

  const upload = async () => {
    if (!file) {
      setNotice({ tone: 'error', text: t('collab.attachments.chooseFirst') })
      return
    }
    if (file.size > attachmentLimitMb * 1024 * 1024) {
      setNotice({ tone: 'error', text: t('collab.attachments.tooLarge', { mb: attachmentLimitMb }) })
      return
    }
    setUploading(true)
    setNotice(null)
    try {
      const added = await api.collaborations.addAttachment(caseId, file, description.trim())
      attachments.setData((current) => [...(current ?? []), added])
      setNotice({ tone: 'success', text: t('collab.attachments.added', { name: added.fileName }) })
      setFile(null)
      setDescription('')
      if (inputRef.current) inputRef.current.value = ''
    } catch (error) {
      const detail = isApiError(error) ? error.errors.map((entry) => entry.message).join(' ') : ''
      setNotice({ tone: 'error', text: detail || message(error) })
    } finally {
      setUploading(false)
    }
  }

  const remove = async (attachment: Attachment) => {
    setNotice(null)
    try {
      await api.collaborations.removeAttachment(caseId, attachment.id)
      attachments.setData((current) => (current ?? []).filter((entry) => entry.id !== attachment.id))
      setNotice({ tone: 'success', text: t('collab.attachments.removed', { name: attachment.fileName }) })
    } catch (error) {
      setNotice({ tone: 'error', text: message(error) })
    }
  }

  return (
    <FormSection
      title={t('collab.form.section.attachments')}
      intro={t('collab.form.section.attachmentsIntro')}
    >
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <AttachmentList caseId={caseId} attachments={attachments.data ?? []} onRemove={(a) => void remove(a)} />
      <div className="upload-box">
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            {t('collab.attachments.file')}
          </label>
          <p className="field__hint" id={`${fileId}-hint`}>
            {t('collab.attachments.rules', { types: acceptedExtensions.join(', '), mb: attachmentLimitMb })}
          </p>
          <input
            ref={inputRef}
            id={fileId}
            type="file"
            className="input input--file"
            accept={types}
            aria-describedby={`${fileId}-hint`}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <TextField
          label={t('collab.attachments.description')}
          hint={t('collab.attachments.descriptionHint')}
          optional
          maxLength={500}
          value={description}
          onChange={setDescription}
        />
        <div>
          <button
            type="button"
            className="button button--primary"
            disabled={isUploading}
            onClick={() => void upload()}
          >
            {isUploading ? t('collab.attachments.uploading') : t('collab.attachments.upload')}
          </button>
        </div>
      </div>
    </FormSection>
  )
}
