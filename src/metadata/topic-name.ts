/**
 * Kafka's topic-name rules. They also keep every partition directory inside the data directory:
 * no separators, no `.` or `..`, bounded length.
 */
const LEGAL = /^[a-zA-Z0-9._-]+$/
const MAX_TOPIC_NAME_LENGTH = 249

/** Returns why a name is illegal, or null when it is fine. */
export function topicNameError(name: string): string | null {
  if (name.length === 0) return "Topic name is illegal, it can't be empty"
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."'
  if (name.length > MAX_TOPIC_NAME_LENGTH) return `Topic name is illegal, it can't be longer than ${MAX_TOPIC_NAME_LENGTH} characters, topic name: ${name}`
  if (!LEGAL.test(name)) return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`
  return null
}

/** Kafka forbids two topics whose names differ only by `.` versus `_` (their metrics collide). */
export function collisionKey(name: string): string {
  return name.replaceAll('.', '_')
}

export function isInternalTopic(name: string): boolean {
  return name === '__consumer_offsets' || name === '__transaction_state'
}
