import { describe, expect, it } from 'vitest'
import Value from 'typebox/value'
import { CreateTrainingBody, UpdateTrainingBody, type TrainingClass } from '@liendoan/contracts'
import { validateBody } from '../../lib/form-errors'
import { emptySession, emptyTrainingForm, formRuleErrors, toCreateBody, toUpdateBody, trainingToForm, type TrainingFormValues } from './training-body'

const UNION = '0192a000-0000-7000-8000-000000000001'
const TOPIC = '0192a000-0000-7000-8000-000000000002'

function filled(): TrainingFormValues {
  return {
    ...emptyTrainingForm(UNION),
    title: '  Tập huấn   Bộ luật Lao động 2019 ',
    topicIds: [TOPIC],
    positions: ['chairperson'],
    sector: 'non_state',
    sessions: [
      { ...emptySession('2026-03-10', ' Hội trường  LĐLĐ huyện '), startTime: '08:00', endTime: '11:30' },
      { ...emptySession('2026-03-11', 'Hội trường LĐLĐ huyện'), startTime: '13:30', endTime: '16:30' },
    ],
    capacity: 40,
    trainers: [' Nguyễn Văn An ', ''],
  }
}

describe('class form → body', () => {
  it('builds a valid create body with cleaned texts, the audience and the sessions', () => {
    const body = toCreateBody(filled())
    expect(Value.Check(CreateTrainingBody, body)).toBe(true)
    expect(body).toMatchObject({
      title: 'Tập huấn Bộ luật Lao động 2019',
      organiserUnionId: UNION,
      audience: { positions: ['chairperson'], sector: 'non_state' },
      capacity: 40,
      trainers: ['Nguyễn Văn An'],
      passMark: 50,
      minAttendancePercent: 80,
      description: null,
    })
    expect(body.sessions).toEqual([
      { date: '2026-03-10', startTime: '08:00', endTime: '11:30', place: 'Hội trường LĐLĐ huyện' },
      { date: '2026-03-11', startTime: '13:30', endTime: '16:30', place: 'Hội trường LĐLĐ huyện' },
    ])
  })

  it('sends passMark null for a class without a test', () => {
    expect(toCreateBody({ ...filled(), hasTest: false }).passMark).toBeNull()
  })

  it('leaves empty inputs out so the schema names the missing fields in Vietnamese', () => {
    const values = { ...emptyTrainingForm(null), sessions: [{ ...emptySession(null, ''), startTime: '08:00', endTime: '11:00' }], capacity: '' as const }
    const errors = validateBody(CreateTrainingBody, toCreateBody(values), 'vi')
    expect(errors.organiserUnionId).toBe('Trường này là bắt buộc')
    expect(errors.capacity).toBe('Trường này là bắt buộc')
    expect(errors['sessions.0.date']).toBe('Trường này là bắt buộc')
    expect(errors.title).toBe('Trường này là bắt buộc')
    expect(errors.topicIds).toBeDefined()
  })

  it('checks the pass mark of a test and the order of the times', () => {
    const values = filled()
    values.passMark = ''
    values.sessions[1] = { ...values.sessions[1]!, startTime: '14:00', endTime: '13:00' }
    expect(formRuleErrors(values)).toEqual({ passMark: 'required', 'sessions.1.endTime': 'time_order' })
    expect(formRuleErrors(filled())).toEqual({})
  })

  it('sends only what changed on edit', () => {
    const training: TrainingClass = {
      id: '0192a000-0000-7000-8000-000000000003',
      title: 'Tập huấn Bộ luật Lao động 2019',
      description: null,
      topics: [{ id: TOPIC, code: 'labour_code_2019', name: 'Bộ luật Lao động 2019' }],
      organiser: { id: UNION, code: 'PT', name: 'LĐLĐ huyện Phúc Thọ' },
      audience: { positions: ['chairperson'], sector: 'non_state' },
      sessions: [{ id: '0192a000-0000-7000-8000-000000000004', date: '2026-03-10', startTime: '08:00', endTime: '11:30', place: 'Hội trường' }],
      startsOn: '2026-03-10',
      endsOn: '2026-03-10',
      capacity: 40,
      enrolledCount: 3,
      trainers: ['Nguyễn Văn An'],
      passMark: 50,
      minAttendancePercent: 80,
      status: 'running',
      statusReason: null,
      completedCount: 0,
      certificateCount: 0,
      version: 2,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }
    const initial = trainingToForm(training)
    expect(toUpdateBody(initial, initial)).toEqual({})
    const body = toUpdateBody(initial, { ...initial, capacity: 45, trainers: ['Nguyễn Văn An', 'Lê Thị Bình'] })
    expect(body).toEqual({ capacity: 45, trainers: ['Nguyễn Văn An', 'Lê Thị Bình'] })
    expect(Value.Check(UpdateTrainingBody, body)).toBe(true)
    expect(toUpdateBody(initial, { ...initial, hasTest: false })).toEqual({ passMark: null })
  })
})
