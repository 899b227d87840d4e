/**
 * A broker without ZooKeeper: its metadata store (meta.properties and topics.json in its first
 * log dir) is the cluster's record, and an in-process controller turns every change into the
 * LeaderAndIsr / UpdateMetadata / StopReplica calls a ZooKeeper controller would send. Each
 * change is recorded first and applied after, so a crash in between leaves it recorded. A change
 * that cannot be recorded (a full disk, EMFILE) rejects and changes nothing; a new topic or new
 * partitions whose logs cannot be opened are taken back out of the record (and their logs
 * removed), so a creation that failed does not come back at the next start. Dynamic broker
 * configs and group configs are kept beside the topics (configs.json, see ConfigStore) and
 * applied once recorded, as ZooKeeper mode applies /config/brokers and /config/groups.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'
import type { MetadataStore, TopicMetadata } from '../metadata/metadata-store.js'
import type { ConfigStore } from '../metadata/config-store.js'
import { isInternalTopic } from '../metadata/topic-name.js'
import type { BrokerListener } from '../controller/control.js'
import { SingleNodeController, type TopicLayout } from '../controller/single-node-controller.js'
import type { ClusterMember, Coordination, NewTopic } from './coordination.js'

export class SingleNodeCoordination implements Coordination {
  readonly mode = 'single-node' as const
  readonly controller = null
  readonly brokerEpoch = -1n
  readonly #store: MetadataStore
  readonly #configs: ConfigStore
  #member: ClusterMember | undefined
  #controller: SingleNodeController | undefined

  constructor(store: MetadataStore, configs: ConfigStore) {
    this.#store = store
    this.#configs = configs
  }

  get clusterId(): string {
    return this.#store.clusterId
  }

  isActiveController(): boolean {
    return true
  }

  controllerLiveBrokers(): undefined {
    return undefined
  }

  #layout(t: TopicMetadata): TopicLayout {
    const nodeId = this.#store.nodeId
    return { name: t.name, topicId: t.topicId, assignment: Array.from({ length: t.partitions }, () => [nodeId]) }
  }

  #started(): { member: ClusterMember; controller: SingleNodeController } {
    if (this.#member === undefined || this.#controller === undefined) throw new Error('the coordination has not started')
    return { member: this.#member, controller: this.#controller }
  }

  async start(member: ClusterMember): Promise<void> {
    this.#member = member
    this.#controller = new SingleNodeController(this.#store.nodeId, member)
    for (const entity of ['<default>', String(this.#store.nodeId)]) {
      const configs = this.#configs.get('brokers', entity)
      if (Object.keys(configs).length > 0) member.brokerConfigChanged(entity, configs)
    }
    for (const group of this.#configs.names('groups')) member.groupConfigChanged(group, this.#configs.get('groups', group))
    for (const t of this.#store.topics()) member.topicConfigChanged(t.name, t.configs)
    await this.#controller.start([...this.#store.topics()].map((t) => this.#layout(t)))
  }

  async register(listeners: BrokerListener[], rack: string | null): Promise<void> {
    await this.#started().controller.brokerRegistered(listeners, rack)
  }

  async createTopic(t: NewTopic): Promise<void> {
    const { member, controller } = this.#started()
    if (this.#store.topic(t.name) !== undefined) throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`)
    const meta = await this.#store.createTopic({
      name: t.name,
      topicId: t.topicId,
      partitions: t.assignment.length,
      replicationFactor: t.assignment[0]?.length ?? 1,
      configs: t.configs,
      internal: isInternalTopic(t.name),
    })
    member.topicConfigChanged(t.name, meta.configs)
    try {
      await controller.topicCreated(this.#layout(meta))
    } catch (err) {
      await this.#store.deleteTopic(t.name).catch(() => {})
      await controller.topicDeleted(t.name).catch(() => {})
      member.topicConfigChanged(t.name, null)
      throw err
    }
  }

  async addPartitions(topic: string, assignment: number[][]): Promise<void> {
    const { controller } = this.#started()
    const t = this.#store.topic(topic)
    if (t === undefined) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${topic}' does not exist.`)
    const before = t.partitions
    await this.#store.setPartitionCount(topic, before + assignment.length)
    try {
      await controller.partitionsAdded(this.#layout(this.#store.topic(topic)!))
    } catch (err) {
      await this.#store.setPartitionCount(topic, before).catch(() => {})
      await controller.partitionsRemoved(topic, before).catch(() => {})
      throw err
    }
  }

  async deleteTopic(topic: string): Promise<void> {
    const { member, controller } = this.#started()
    if (this.#store.topic(topic) === undefined) return
    await this.#store.deleteTopic(topic)
    await controller.topicDeleted(topic)
    member.topicConfigChanged(topic, null)
  }

  async topicConfigs(topic: string): Promise<Record<string, string> | undefined> {
    const t = this.#store.topic(topic)
    return t === undefined ? undefined : { ...t.configs }
  }

  async setTopicConfigs(topic: string, overrides: Record<string, string>): Promise<void> {
    const { member } = this.#started()
    if (this.#store.topic(topic) === undefined) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${topic} does not exist.`)
    await this.#store.setConfigs(topic, overrides)
    member.topicConfigChanged(topic, overrides)
  }

  async brokerConfigs(entity: string): Promise<Record<string, string>> {
    return this.#configs.get('brokers', entity)
  }

  async setBrokerConfigs(entity: string, configs: Record<string, string>): Promise<void> {
    const { member } = this.#started()
    await this.#configs.set('brokers', entity, configs)
    member.brokerConfigChanged(entity, configs)
  }

  async groupConfigs(group: string): Promise<Record<string, string>> {
    return this.#configs.get('groups', group)
  }

  async setGroupConfigs(group: string, configs: Record<string, string>): Promise<void> {
    const { member } = this.#started()
    await this.#configs.set('groups', group, configs)
    member.groupConfigChanged(group, configs)
  }

  async controlledShutdown(): Promise<void> {}

  async close(): Promise<void> {}
}
