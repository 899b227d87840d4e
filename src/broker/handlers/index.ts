/** Every API this broker serves, registered once. ApiVersions advertises exactly this list. */
import { HandlerRegistry } from '../handler.js'
import { produceHandler } from './000-produce.js'
import { fetchHandler } from './001-fetch.js'
import { listOffsetsHandler } from './002-list-offsets.js'
import { metadataHandler } from './003-metadata.js'
import { offsetCommitHandler } from './008-offset-commit.js'
import { offsetFetchHandler } from './009-offset-fetch.js'
import { findCoordinatorHandler } from './010-find-coordinator.js'
import { joinGroupHandler } from './011-join-group.js'
import { heartbeatHandler } from './012-heartbeat.js'
import { leaveGroupHandler } from './013-leave-group.js'
import { syncGroupHandler } from './014-sync-group.js'
import { describeGroupsHandler } from './015-describe-groups.js'
import { listGroupsHandler } from './016-list-groups.js'
import { apiVersionsHandler } from './018-api-versions.js'
import { createTopicsHandler } from './019-create-topics.js'
import { deleteTopicsHandler } from './020-delete-topics.js'
import { deleteRecordsHandler } from './021-delete-records.js'
import { initProducerIdHandler } from './022-init-producer-id.js'
import { offsetForLeaderEpochHandler } from './023-offset-for-leader-epoch.js'
import { addPartitionsToTxnHandler } from './024-add-partitions-to-txn.js'
import { addOffsetsToTxnHandler } from './025-add-offsets-to-txn.js'
import { endTxnHandler } from './026-end-txn.js'
import { writeTxnMarkersHandler } from './027-write-txn-markers.js'
import { txnOffsetCommitHandler } from './028-txn-offset-commit.js'
import { describeLogDirsHandler } from './035-describe-log-dirs.js'
import { deleteGroupsHandler } from './042-delete-groups.js'
import { electLeadersHandler } from './043-elect-leaders.js'
import { alterPartitionReassignmentsHandler } from './045-alter-partition-reassignments.js'
import { listPartitionReassignmentsHandler } from './046-list-partition-reassignments.js'
import { offsetDeleteHandler } from './047-offset-delete.js'
import { createPartitionsHandler } from './037-create-partitions.js'
import { describeClusterHandler } from './060-describe-cluster.js'
import { describeConfigsHandler } from './032-describe-configs.js'
import { alterConfigsHandler } from './033-alter-configs.js'
import { incrementalAlterConfigsHandler } from './044-incremental-alter-configs.js'
import { describeProducersHandler } from './061-describe-producers.js'
import { describeTransactionsHandler } from './065-describe-transactions.js'
import { listTransactionsHandler } from './066-list-transactions.js'
import { consumerGroupHeartbeatHandler } from './068-consumer-group-heartbeat.js'
import { consumerGroupDescribeHandler } from './069-consumer-group-describe.js'
import { describeTopicPartitionsHandler } from './075-describe-topic-partitions.js'
import { leaderAndIsrHandler } from './004-leader-and-isr.js'
import { stopReplicaHandler } from './005-stop-replica.js'
import { updateMetadataHandler } from './006-update-metadata.js'
import { controlledShutdownHandler } from './007-controlled-shutdown.js'
import { alterPartitionHandler } from './056-alter-partition.js'
import { saslHandshakeHandler } from './017-sasl-handshake.js'
import { describeAclsHandler } from './029-describe-acls.js'
import { createAclsHandler } from './030-create-acls.js'
import { deleteAclsHandler } from './031-delete-acls.js'
import { saslAuthenticateHandler } from './036-sasl-authenticate.js'
import { describeClientQuotasHandler } from './048-describe-client-quotas.js'
import { alterClientQuotasHandler } from './049-alter-client-quotas.js'
import { describeUserScramCredentialsHandler } from './050-describe-user-scram-credentials.js'
import { alterUserScramCredentialsHandler } from './051-alter-user-scram-credentials.js'

/**
 * `zookeeper`: the broker is in a ZooKeeper-mode cluster, so it also serves the controller's
 * requests (LeaderAndIsr, StopReplica, UpdateMetadata) and, as the controller, ControlledShutdown
 * and AlterPartition, as Kafka's ZooKeeper-mode brokers did.
 */
export function createRegistry(opts: { zookeeper?: boolean } = {}): HandlerRegistry {
  const registry = new HandlerRegistry()
  if (opts.zookeeper === true) {
    registry.register(leaderAndIsrHandler, stopReplicaHandler, updateMetadataHandler, controlledShutdownHandler, alterPartitionHandler)
  }
  return registry.register(
    produceHandler,
    fetchHandler,
    listOffsetsHandler,
    metadataHandler,
    offsetCommitHandler,
    offsetFetchHandler,
    findCoordinatorHandler,
    joinGroupHandler,
    heartbeatHandler,
    leaveGroupHandler,
    syncGroupHandler,
    describeGroupsHandler,
    listGroupsHandler,
    apiVersionsHandler,
    createTopicsHandler,
    deleteTopicsHandler,
    deleteRecordsHandler,
    initProducerIdHandler,
    offsetForLeaderEpochHandler,
    addPartitionsToTxnHandler,
    addOffsetsToTxnHandler,
    endTxnHandler,
    writeTxnMarkersHandler,
    txnOffsetCommitHandler,
    describeLogDirsHandler,
    deleteGroupsHandler,
    electLeadersHandler,
    alterPartitionReassignmentsHandler,
    listPartitionReassignmentsHandler,
    offsetDeleteHandler,
    createPartitionsHandler,
    describeClusterHandler,
    describeConfigsHandler,
    alterConfigsHandler,
    incrementalAlterConfigsHandler,
    describeProducersHandler,
    describeTransactionsHandler,
    listTransactionsHandler,
    consumerGroupHeartbeatHandler,
    consumerGroupDescribeHandler,
    describeTopicPartitionsHandler,
    saslHandshakeHandler,
    describeAclsHandler,
    createAclsHandler,
    deleteAclsHandler,
    saslAuthenticateHandler,
    describeClientQuotasHandler,
    alterClientQuotasHandler,
    describeUserScramCredentialsHandler,
    alterUserScramCredentialsHandler,
  )
}
