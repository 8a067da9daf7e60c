import type {
  Answer,
  CaseChecklist,
  Question,
  TriState,
} from '../../../../modules/collaborations/collaboration.schema.js'
import { TextAreaField } from '../../../components/Form.js'
import { pick, useLocale, useT } from '../../../i18n/i18n.js'
import { FormSection, RadioGroup, type StepProps } from '../formParts.js'
import { fieldId } from '../labels.js'

const triStates: readonly TriState[] = ['yes', 'no', 'unknown']
const sections: readonly Question['section'][] = [
  'export_control',
  'end_use',
  'data_security',
  'personal_data',
  'publication',
  'ip',
  'sanctions',
]

function QuestionItem({
  question,
  number,
  answer,
  onChange,
  errorFor,
}: {
  question: Question
  number: number
  answer: Answer
  onChange: (answer: Answer) => void
  errorFor: (field: string) => string | undefined
}) {
  const t = useT()
  const { locale } = useLocale()
  const at = `answers.${question.key}`
  const help = pick(locale, question.helpDe, question.helpEn)
  const needsExplanation = answer.answer === 'no' || answer.answer === 'unknown'
  return (
    <li className={needsExplanation ? 'question question--explain' : 'question'}>
      <RadioGroup
        id={fieldId(`${at}.answer`)}
        legend={
          <>
            <span className="question__number">{number}</span>
            {pick(locale, question.textDe, question.textEn)}
          </>
        }
        legendClassName="question__text"
        hint={help || undefined}
        value={answer.answer}
        options={triStates.map((value) => ({ value, label: t(`collab.answer.${value}`) }))}
        onChange={(value) => onChange({ ...answer, answer: value })}
        error={errorFor(`${at}.answer`)}
      />
      {needsExplanation && (
        <div className="question__explanation">
          <TextAreaField
            id={fieldId(`${at}.explanation`)}
            label={t(answer.answer === 'no' ? 'collab.form.explainNo' : 'collab.form.explainUnknown')}
            hint={t('collab.form.explainHint')}
            rows={3}
            maxLength={5000}
            value={answer.explanation}
            onChange={(explanation) => onChange({ ...answer, explanation })}
            error={errorFor(`${at}.explanation`)}
          />
        </div>
      )}
    </li>
  )
}

/** Step 7: the export-control and data-security questionnaire (yes / no / unknown, with reasons). */
export function QuestionnaireStep({
  sheet,
  update,
  errorFor,
  questions,
  checklists = [],
}: StepProps & { questions: readonly Question[]; checklists?: readonly CaseChecklist[] }) {
  const t = useT()
  const { locale } = useLocale()
  let number = 0
  const answerItem = (question: Question) => {
    number += 1
    return (
      <QuestionItem
        key={question.key}
        question={question}
        number={number}
        answer={sheet.answers[question.key] ?? { answer: null, explanation: '' }}
        onChange={(answer) => update((s) => ({ ...s, answers: { ...s.answers, [question.key]: answer } }))}
        errorFor={errorFor}
      />
    )
  }
  return (
    <>
      <div className="callout">
        <p className="callout__title">{t('collab.form.questionnaireCalloutTitle')}</p>
        <p>{t('collab.form.questionnaireCallout')}</p>
      </div>
      {sections
        .filter((section) => questions.some((question) => question.section === section))
        .map((section) => (
          <FormSection key={section} title={t(`collab.questionSection.${section}`)}>
            <ol className="question-list">
              {questions.filter((question) => question.section === section).map(answerItem)}
            </ol>
          </FormSection>
        ))}
      {checklists.map((checklist) => (
        <FormSection key={checklist.key} title={pick(locale, checklist.titleDe, checklist.titleEn)}>
          <p className="form-hint">
            {t('collab.form.checklistIntro', { date: checklist.nextReviewOn })}
            {checklist.isStale ? ` ${t('collab.form.checklistStale')}` : ''}
          </p>
          <ol className="question-list">{checklist.questions.map(answerItem)}</ol>
        </FormSection>
      ))}
    </>
  )
}
