/**
 * Topic ids: the protocol carries them as 16 bytes (a dashed UUID in Samsa's codecs), Kafka
 * stores and prints them as Uuid.toString(): URL-safe base64 without padding, 22 characters
 * (the `topic_id` of /brokers/topics/<topic>).
 */

export function toKafkaUuid(dashed: string): string {
  return Buffer.from(dashed.replaceAll('-', ''), 'hex').toString('base64url')
}

export function fromKafkaUuid(base64: string): string {
  const hex = Buffer.from(base64, 'base64url').toString('hex').padStart(32, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
