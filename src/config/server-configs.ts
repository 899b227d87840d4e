// Broker configs of the server itself: identity, listeners and sockets, threads, and ZooKeeper
// mode (Kafka's ServerConfigs, SocketServerConfigs, ZkConfigs), with Kafka's names, defaults and
// documentation. Not-yet-effective ones are marked `effective: false`.
import { INT_MAX, atLeast, type Validator } from './config-def.js'
import { boolean, enumString, int, long, string, type ConfigKey } from './config-key.js'

const hostPort: Validator = (v) =>
  typeof v === 'string' && /^(?:https?:\/\/)?(?:\[[0-9a-fA-F:.]+\]|[^:/\s]*):\d{1,5}\/?$/.test(v) ? undefined : 'must be host:port, e.g. 127.0.0.1:8080'

export const SERVER_CONFIGS = {
  // identity
  'node.id': int(
    1,
    'The node ID associated with the roles this process is playing when <code>process.roles</code> is non-empty. This is required configuration when running in KRaft mode.',
    { validate: atLeast(0), aliases: ['broker.id'], kafkaDefault: null, note: 'Kafka requires node.id; a single Samsa broker is 1 unless told otherwise.' },
  ),
  'cluster.id': string(
    null,
    'Cluster id. When unset, one is generated on first start and stored with the data (Kafka keeps it in meta.properties, written by kafka-storage.sh).',
    { samsa: true },
  ),
  'broker.rack': string(
    null,
    'Rack of the broker. This will be used in rack aware replication assignment for fault tolerance. Examples: <code>RACK1</code>, <code>us-east-1d</code>',
  ),
  // listeners and sockets
  listeners: string(
    'PLAINTEXT://:9092',
    'Listener List - Comma-separated list of URIs we will listen on and the listener names. If the listener name is not a security protocol, <code>listener.security.protocol.map</code> must also be set.<br> Listener names and port numbers must be unique unless one listener is an IPv4 address and the other listener is an IPv6 address (for the same port).<br> Specify hostname as 0.0.0.0 to bind to all interfaces.<br> Leave hostname empty to bind to default interface.<br> Examples of legal listener lists:<br> <code>PLAINTEXT://myhost:9092,SSL://:9091</code><br> <code>CLIENT://0.0.0.0:9092,REPLICATION://localhost:9093</code><br> <code>PLAINTEXT://127.0.0.1:9092,SSL://[::1]:9092</code><br>',
    { mode: 'per-broker' },
  ),
  'advertised.listeners': string(
    null,
    "Specifies the listener addresses that the Kafka brokers will advertise to clients and other brokers. The config is useful where the actual listener configuration <code>listeners</code> does not represent the addresses that clients should use to connect, such as in cloud environments. The addresses are published to and managed by the controller, the brokers pull these data from the controller as needed. In IaaS environments, this may need to be different from the interface to which the broker binds. If this is not set, the value for <code>listeners</code> will be used. Unlike <code>listeners</code>, it is not valid to advertise the 0.0.0.0 meta-address.<br> Also unlike <code>listeners</code>, there can be duplicated ports in this property, so that one listener can be configured to advertise another listener's address. This can be useful in some cases where external load balancers are used.",
    {
      note: 'Unset, Samsa advertises the listeners with an empty or wildcard host as localhost (Kafka: the canonical host name), so a broker started without configuration is reachable from the same machine.',
    },
  ),
  'listener.security.protocol.map': string(
    'SASL_SSL:SASL_SSL,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT',
    'Map between listener names and security protocols. This must be defined for the same security protocol to be usable in more than one port or IP. For example, internal and external traffic can be separated even if SSL is required for both. Concretely, the user could define listeners with names INTERNAL and EXTERNAL and this property as: <code>INTERNAL:SSL,EXTERNAL:SSL</code>. As shown, key and value are separated by a colon and map entries are separated by commas. Each listener name should only appear once in the map. Different security (SSL and SASL) settings can be configured for each listener by adding a normalised prefix (the listener name is lowercased) to the config name. For example, to set a different keystore for the INTERNAL listener, a config with name <code>listener.name.internal.ssl.keystore.location</code> would be set. If the config for the listener name is not set, the config will fallback to the generic config (i.e. <code>ssl.keystore.location</code>). Note that in KRaft a default mapping from the listener names defined by <code>controller.listener.names</code> to PLAINTEXT is assumed if no explicit mapping is provided and no other security protocol is in use.',
    { mode: 'per-broker' },
  ),
  'inter.broker.listener.name': string(
    null,
    'Name of listener used for communication between brokers. If this is unset, the listener name is defined by security.inter.broker.protocolIt is an error to set this and security.inter.broker.protocol properties at the same time.',
    { note: 'The controller reaches brokers on this listener.' },
  ),
  'security.inter.broker.protocol': enumString(
    ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'],
    'PLAINTEXT',
    'Security protocol used to communicate between brokers. Valid values are: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL. It is an error to set this and inter.broker.listener.name properties at the same time.',
    { note: 'Only PLAINTEXT between brokers for now.' },
  ),
  'socket.request.max.bytes': int(104857600, 'The maximum number of bytes in a socket request', { validate: atLeast(1) }),
  'socket.send.buffer.bytes': int(102400, 'The SO_SNDBUF buffer of the socket server sockets. If the value is -1, the OS default will be used.', {
    effective: false,
    note: 'Node sockets use the OS buffer sizes.',
  }),
  'socket.receive.buffer.bytes': int(102400, 'The SO_RCVBUF buffer of the socket server sockets. If the value is -1, the OS default will be used.', {
    effective: false,
    note: 'Node sockets use the OS buffer sizes.',
  }),
  'socket.listen.backlog.size': int(
    50,
    'The maximum number of pending connections on the socket. In Linux, you may also need to configure <code>somaxconn</code> and <code>tcp_max_syn_backlog</code> kernel parameters accordingly to make the configuration takes effect.',
    {
      validate: atLeast(1),
      note: "Bounds the connections a listener holds unread while it waits out max.connection.creation.rate; the listening socket itself uses Node's default backlog.",
    },
  ),
  'connections.max.idle.ms': long(600000, 'Idle connections timeout: the server socket processor threads close the connections that idle more than this'),
  'max.connections': int(
    INT_MAX,
    'The maximum number of connections we allow in the broker at any time. This limit is applied in addition to any per-ip limits configured using max.connections.per.ip. Listener-level limits may also be configured by prefixing the config name with the listener prefix, for example, <code>listener.name.internal.max.connections.per.ip</code>. Broker-wide limit should be configured based on broker capacity while listener limits should be configured based on application requirements. New connections are blocked if either the listener or broker limit is reached. Connections on the inter-broker listener are permitted even if broker-wide limit is reached. The least recently used connection on another listener will be closed in this case.',
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
  'max.connections.per.ip': int(
    INT_MAX,
    'The maximum number of connections we allow from each ip address. This can be set to 0 if there are overrides configured using max.connections.per.ip.overrides property. New connections from the ip address are dropped if the limit is reached.',
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
  'max.connections.per.ip.overrides': string(
    '',
    'A comma-separated list of per-ip or hostname overrides to the default maximum number of connections. An example value is "hostName:100,127.0.0.1:200"',
    { mode: 'cluster-wide' },
  ),
  'max.connection.creation.rate': int(
    INT_MAX,
    'The maximum connection creation rate we allow in the broker at any time. Listener-level limits may also be configured by prefixing the config name with the listener prefix, for example, <code>listener.name.internal.max.connection.creation.rate</code>.Broker-wide connection rate limit should be configured based on broker capacity while listener limits should be configured based on application requirements. New connections will be throttled if either the listener or the broker limit is reached, with the exception of inter-broker listener. Connections on the inter-broker listener will be throttled only when the listener-level rate limit is reached.',
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
  'queued.max.requests': int(500, 'The number of queued requests allowed for data-plane, before blocking the network threads', {
    validate: atLeast(1),
    note: 'Bounds the requests one connection has in flight: its socket is not read while it has this many (Kafka: the requests queued before the network threads block).',
  }),
  'num.network.threads': int(
    3,
    'The number of threads that the server uses for receiving requests from the network and sending responses to the network. Noted: each listener (except for controller listener) creates its own thread pool.',
    { validate: atLeast(1), mode: 'cluster-wide', effective: false, note: 'One event loop does the network work.' },
  ),
  'num.io.threads': int(8, 'The number of threads that the server uses for processing requests, which may include disk I/O', {
    validate: atLeast(1),
    mode: 'cluster-wide',
    effective: false,
    note: 'One event loop handles requests; file I/O uses the libuv thread pool.',
  }),
  'background.threads': int(10, 'The number of threads to use for various background processing tasks', {
    validate: atLeast(1),
    mode: 'cluster-wide',
    effective: false,
    note: 'Background work runs on the event loop.',
  }),
  // ZooKeeper and the controller (Kafka 3.x ZooKeeper mode)
  'zookeeper.connect': string(
    null,
    'Specifies the ZooKeeper connection string in the form <code>hostname:port</code> where host and port are the host and port of a ZooKeeper server. To allow connecting through other ZooKeeper nodes when that ZooKeeper machine is down you can also specify multiple hosts in the form <code>hostname1:port1,hostname2:port2,hostname3:port3</code>.<br>The server can also have a ZooKeeper chroot path as part of its ZooKeeper connection string which puts its data under some path in the global ZooKeeper namespace. For example to give a chroot path of <code>/chroot/path</code> you would give the connection string as <code>hostname1:port1,hostname2:port2,hostname3:port3/chroot/path</code>.',
    { note: 'Unset, the broker runs alone with its metadata in its log dir.' },
  ),
  'zookeeper.session.timeout.ms': int(18000, 'Zookeeper session timeout'),
  'zookeeper.connection.timeout.ms': int(
    null,
    'The max time that the client waits to establish a connection to ZooKeeper. If not set, the value in zookeeper.session.timeout.ms is used',
  ),
  'zookeeper.max.in.flight.requests': int(10, 'The maximum number of unacknowledged requests the client will send to ZooKeeper before blocking.', {
    validate: atLeast(1),
    effective: false,
    note: 'No cluster mode yet.',
  }),
  'broker.id.generation.enable': boolean(
    true,
    'Enable automatic broker id generation on the server. When enabled the value configured for reserved.broker.max.id should be reviewed.',
    { effective: false, note: 'No cluster mode yet.' },
  ),
  'reserved.broker.max.id': int(1000, 'Max number that can be used for a broker.id', { validate: atLeast(0), effective: false, note: 'No cluster mode yet.' }),
  'controlled.shutdown.enable': boolean(true, 'Enable controlled shutdown of the server.'),
  'controlled.shutdown.max.retries': int(
    3,
    'Controlled shutdown can fail for multiple reasons. This determines the number of retries when such failure happens',
  ),
  'controlled.shutdown.retry.backoff.ms': long(
    5000,
    'Before each retry, the system needs time to recover from the state that caused the previous failure (Controller fail over, replica lag etc). This config determines the amount of time to wait before retrying.',
    { note: 'Capped at 1 s per retry so a stopping broker does not hang on an unreachable controller.' },
  ),
  'controller.socket.timeout.ms': int(30000, 'The socket timeout for controller-to-broker channels.'),
  // Samsa's web console (not Kafka configs): `samsa start` turns it on
  'console.enable': boolean(false, 'Serve the web console from the broker process; samsa start enables it.', { samsa: true }),
  'console.listener': string(
    '127.0.0.1:8080',
    'host:port of the web console; 127.0.0.1 keeps it to this machine; any other address needs a login (console.users.file or console.sasl.mechanism).',
    { samsa: true, validate: hostPort },
  ),
  'console.users.file': string(null, "A properties file of the console's users (user=password lines), who sign in to a console reachable from the network.", {
    samsa: true,
  }),
  'console.sasl.mechanism': enumString(
    ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
    null,
    'Sign in to the console with credentials the broker accepts over this SASL mechanism (the console authenticates a connection with them).',
    { samsa: true },
  ),
  'console.command.config': string(
    null,
    "Kafka client properties (security.protocol, ssl.*, sasl.*) of the console's own connections, for a broker without a PLAINTEXT listener.",
    { samsa: true },
  ),
} as const satisfies Record<string, ConfigKey>
