import type { TopicTag } from './types'

/** Topic tags an ask or an offer can carry; pairing matches asks to offers on them. */
export const TOPICS = [
  { id: 'career', label: 'Career' },
  { id: 'feedback', label: 'Feedback' },
  { id: 'technical', label: 'Technical' },
  { id: 'planning', label: 'Planning' },
  { id: 'people', label: 'People' },
  { id: 'wellbeing', label: 'Wellbeing' },
  { id: 'process', label: 'Process' },
  { id: 'other', label: 'Other' },
] as const satisfies readonly TopicTag[]

export type TopicId = typeof TOPICS[number]['id']
