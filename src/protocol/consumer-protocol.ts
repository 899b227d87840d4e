/**
 * The "consumer" protocol embedded in group requests: the subscription a member sends in
 * JoinGroup and the assignment the leader hands out in SyncGroup, each an int16 version followed
 * by the body of that version. Both the broker and the client decode them leniently, as Kafka's
 * ConsumerProtocol does: a version newer than ours is read as our newest (versions only add
 * fields at the end), and a body shorter than its version says (a client that writes a v1 header
 * over a v0 body) is read as far as an older version fits. The broker itself needs only the
 * topics, which every version starts with (Kafka's ClassicGroup.computeSubscribedTopics reads the
 * V0 prefix for the same reason).
 */
import { ProtocolError } from '../errors.js'
import { Reader } from './reader.js'
import {
  decodeConsumerProtocolSubscription,
  ConsumerProtocolSubscriptionInfo,
  type ConsumerProtocolSubscription,
} from './generated/consumer-protocol-subscription.js'
import { decodeConsumerProtocolAssignment, ConsumerProtocolAssignmentInfo, type ConsumerProtocolAssignment } from './generated/consumer-protocol-assignment.js'

/** Decodes the body at `version`, else at each older version down to 0; throws if not even v0 fits. */
function lenient<T>(buf: Buffer, what: string, maxVersion: number, decode: (r: Reader, v: number) => T): { version: number; value: T } {
  const header = new Reader(buf)
  const declared = header.int16()
  if (declared < 0) throw new ProtocolError(`unsupported ${what} version ${declared}`)
  let lastError: unknown
  for (let v = Math.min(declared, maxVersion); v >= 0; v--) {
    try {
      return { version: declared, value: decode(new Reader(buf, 2), v) }
    } catch (err) {
      lastError = err
    }
  }
  throw new ProtocolError(`malformed consumer protocol ${what}: ${(lastError as Error).message}`)
}

export function decodeSubscription(buf: Buffer): ConsumerProtocolSubscription & { version: number } {
  const { version, value } = lenient(buf, 'subscription', ConsumerProtocolSubscriptionInfo.maxVersion, decodeConsumerProtocolSubscription)
  return { ...value, version }
}

export function decodeAssignment(buf: Buffer): ConsumerProtocolAssignment & { version: number } {
  const { version, value } = lenient(buf, 'assignment', ConsumerProtocolAssignmentInfo.maxVersion, decodeConsumerProtocolAssignment)
  return { ...value, version }
}

/** The subscribed topics: the V0 prefix of any version (Kafka's ClassicGroup.computeSubscribedTopics). */
export function subscribedTopics(buf: Buffer): string[] {
  const r = new Reader(buf)
  if (r.int16() < 0) throw new ProtocolError('unsupported subscription version')
  return decodeConsumerProtocolSubscription(r, 0).topics
}
