/**
 * How this broker reaches another broker's APIs (itself included): the one place that knows.
 * The transaction coordinator's WriteTxnMarkers and the partition leaders' KIP-890
 * AddPartitionsToTxn verification go through it. A request to this broker is served in-process
 * by the handler registered for its API, as if it had come over the wire; a cluster installs a
 * channel that reaches the other brokers over their inter-broker listener
 * (LocalBrokerChannel.setRemote).
 */
import type { Input } from '../protocol/codec-support.js'
import type { ApiKeyNumber, RequestOf, ResponseOf } from '../protocol/generated/index.js'

export interface BrokerChannel {
  /** Sends `request` (API `key`, at its newest version) to `brokerId`; rejects when it cannot be reached. */
  send<K extends ApiKeyNumber>(brokerId: number, key: K, request: RequestOf<K>): Promise<Input<ResponseOf<K>>>
}
