/**
 * Request and response types of the APIs the client calls by name. Any other API can still be
 * sent untyped with `Connection.send(apiKey, version, body)`: the codecs cover every API.
 */
import type { Input } from '../protocol/codec-support.js'
import type { ProduceRequest } from '../protocol/generated/produce-request.js'
import type { ProduceResponse } from '../protocol/generated/produce-response.js'
import type { FetchRequest } from '../protocol/generated/fetch-request.js'
import type { FetchResponse } from '../protocol/generated/fetch-response.js'
import type { ListOffsetsRequest } from '../protocol/generated/list-offsets-request.js'
import type { ListOffsetsResponse } from '../protocol/generated/list-offsets-response.js'
import type { MetadataRequest } from '../protocol/generated/metadata-request.js'
import type { MetadataResponse } from '../protocol/generated/metadata-response.js'
import type { OffsetCommitRequest } from '../protocol/generated/offset-commit-request.js'
import type { OffsetCommitResponse } from '../protocol/generated/offset-commit-response.js'
import type { OffsetFetchRequest } from '../protocol/generated/offset-fetch-request.js'
import type { OffsetFetchResponse } from '../protocol/generated/offset-fetch-response.js'
import type { FindCoordinatorRequest } from '../protocol/generated/find-coordinator-request.js'
import type { FindCoordinatorResponse } from '../protocol/generated/find-coordinator-response.js'
import type { JoinGroupRequest } from '../protocol/generated/join-group-request.js'
import type { JoinGroupResponse } from '../protocol/generated/join-group-response.js'
import type { HeartbeatRequest } from '../protocol/generated/heartbeat-request.js'
import type { HeartbeatResponse } from '../protocol/generated/heartbeat-response.js'
import type { LeaveGroupRequest } from '../protocol/generated/leave-group-request.js'
import type { LeaveGroupResponse } from '../protocol/generated/leave-group-response.js'
import type { SyncGroupRequest } from '../protocol/generated/sync-group-request.js'
import type { SyncGroupResponse } from '../protocol/generated/sync-group-response.js'
import type { DescribeGroupsRequest } from '../protocol/generated/describe-groups-request.js'
import type { DescribeGroupsResponse } from '../protocol/generated/describe-groups-response.js'
import type { ListGroupsRequest } from '../protocol/generated/list-groups-request.js'
import type { ListGroupsResponse } from '../protocol/generated/list-groups-response.js'
import type { ApiVersionsRequest } from '../protocol/generated/api-versions-request.js'
import type { ApiVersionsResponse } from '../protocol/generated/api-versions-response.js'
import type { CreateTopicsRequest } from '../protocol/generated/create-topics-request.js'
import type { CreateTopicsResponse } from '../protocol/generated/create-topics-response.js'
import type { DeleteTopicsRequest } from '../protocol/generated/delete-topics-request.js'
import type { DeleteTopicsResponse } from '../protocol/generated/delete-topics-response.js'
import type { DeleteRecordsRequest } from '../protocol/generated/delete-records-request.js'
import type { DeleteRecordsResponse } from '../protocol/generated/delete-records-response.js'
import type { InitProducerIdRequest } from '../protocol/generated/init-producer-id-request.js'
import type { InitProducerIdResponse } from '../protocol/generated/init-producer-id-response.js'
import type { DescribeConfigsRequest } from '../protocol/generated/describe-configs-request.js'
import type { DescribeConfigsResponse } from '../protocol/generated/describe-configs-response.js'
import type { AlterConfigsRequest } from '../protocol/generated/alter-configs-request.js'
import type { AlterConfigsResponse } from '../protocol/generated/alter-configs-response.js'
import type { DescribeLogDirsRequest } from '../protocol/generated/describe-log-dirs-request.js'
import type { DescribeLogDirsResponse } from '../protocol/generated/describe-log-dirs-response.js'
import type { CreatePartitionsRequest } from '../protocol/generated/create-partitions-request.js'
import type { CreatePartitionsResponse } from '../protocol/generated/create-partitions-response.js'
import type { DeleteGroupsRequest } from '../protocol/generated/delete-groups-request.js'
import type { DeleteGroupsResponse } from '../protocol/generated/delete-groups-response.js'
import type { IncrementalAlterConfigsRequest } from '../protocol/generated/incremental-alter-configs-request.js'
import type { IncrementalAlterConfigsResponse } from '../protocol/generated/incremental-alter-configs-response.js'
import type { OffsetDeleteRequest } from '../protocol/generated/offset-delete-request.js'
import type { OffsetDeleteResponse } from '../protocol/generated/offset-delete-response.js'
import type { DescribeClusterRequest } from '../protocol/generated/describe-cluster-request.js'
import type { DescribeClusterResponse } from '../protocol/generated/describe-cluster-response.js'

export interface Apis {
  Produce: [ProduceRequest, ProduceResponse]
  Fetch: [FetchRequest, FetchResponse]
  ListOffsets: [ListOffsetsRequest, ListOffsetsResponse]
  Metadata: [MetadataRequest, MetadataResponse]
  OffsetCommit: [OffsetCommitRequest, OffsetCommitResponse]
  OffsetFetch: [OffsetFetchRequest, OffsetFetchResponse]
  FindCoordinator: [FindCoordinatorRequest, FindCoordinatorResponse]
  JoinGroup: [JoinGroupRequest, JoinGroupResponse]
  Heartbeat: [HeartbeatRequest, HeartbeatResponse]
  LeaveGroup: [LeaveGroupRequest, LeaveGroupResponse]
  SyncGroup: [SyncGroupRequest, SyncGroupResponse]
  DescribeGroups: [DescribeGroupsRequest, DescribeGroupsResponse]
  ListGroups: [ListGroupsRequest, ListGroupsResponse]
  ApiVersions: [ApiVersionsRequest, ApiVersionsResponse]
  CreateTopics: [CreateTopicsRequest, CreateTopicsResponse]
  DeleteTopics: [DeleteTopicsRequest, DeleteTopicsResponse]
  DeleteRecords: [DeleteRecordsRequest, DeleteRecordsResponse]
  InitProducerId: [InitProducerIdRequest, InitProducerIdResponse]
  DescribeConfigs: [DescribeConfigsRequest, DescribeConfigsResponse]
  AlterConfigs: [AlterConfigsRequest, AlterConfigsResponse]
  DescribeLogDirs: [DescribeLogDirsRequest, DescribeLogDirsResponse]
  CreatePartitions: [CreatePartitionsRequest, CreatePartitionsResponse]
  DeleteGroups: [DeleteGroupsRequest, DeleteGroupsResponse]
  IncrementalAlterConfigs: [IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse]
  OffsetDelete: [OffsetDeleteRequest, OffsetDeleteResponse]
  DescribeCluster: [DescribeClusterRequest, DescribeClusterResponse]
}

export type ApiName = keyof Apis
export type RequestOf<K extends ApiName> = Input<Apis[K][0]>
export type ResponseOf<K extends ApiName> = Apis[K][1]
