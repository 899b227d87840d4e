// Broker configs of security (Kafka's SslConfigs, SaslConfigs, BrokerSecurityConfigs,
// ServerConfigs' authorizer and QuotaConfig), with Kafka's names, defaults and documentation.
// Every ssl.* and sasl.* setting may also be given for one listener as
// `listener.name.<listener>.<name>`, and a SASL mechanism's JAAS config only as
// `listener.name.<listener>.<mechanism>.sasl.jaas.config`; those prefixed names are read by
// src/security/listener-security.ts.
import { atLeast, oneOf } from './config-def.js'
import { boolean, enumString, int, list, long, password, string, type ConfigKey } from './config-key.js'

const LISTENER_PREFIX = ' Set it for one listener as <code>listener.name.&lt;listener&gt;.NAME</code>.'

export const SECURITY_CONFIGS = {
  // TLS
  'ssl.keystore.type': string(
    'JKS',
    'The file format of the key store file. This is optional for client. The values currently supported by the default `ssl.engine.factory.class` are [JKS, PKCS12, PEM].' +
      LISTENER_PREFIX,
    { note: 'PEM and PKCS12 are read; a PKCS12 file is read as type JKS too (as Java does), a JKS file is refused at start with how to convert it.' },
  ),
  'ssl.keystore.location': string(
    null,
    'The location of the key store file. This is optional for client and can be used for two-way authentication for client.' + LISTENER_PREFIX,
  ),
  'ssl.keystore.password': password(
    "The store password for the key store file. This is optional for client and only needed if 'ssl.keystore.location' is configured. Key store password is not supported for PEM format." +
      LISTENER_PREFIX,
  ),
  'ssl.key.password': password("The password of the private key in the key store file or the PEM key specified in 'ssl.keystore.key'." + LISTENER_PREFIX),
  'ssl.keystore.certificate.chain': password(
    "Certificate chain in the format specified by 'ssl.keystore.type'. Default SSL engine factory supports only PEM format with a list of X.509 certificates" +
      LISTENER_PREFIX,
  ),
  'ssl.keystore.key': password(
    "Private key in the format specified by 'ssl.keystore.type'. Default SSL engine factory supports only PEM format with PKCS#8 keys. If the key is encrypted, key password must be specified using 'ssl.key.password'" +
      LISTENER_PREFIX,
  ),
  'ssl.truststore.type': string(
    'JKS',
    'The file format of the trust store file. The values currently supported by the default `ssl.engine.factory.class` are [JKS, PKCS12, PEM].',
    { note: 'PEM only: a listener with another trust store type stops the broker at start.' },
  ),
  'ssl.truststore.location': string(null, 'The location of the trust store file.' + LISTENER_PREFIX),
  'ssl.truststore.password': password(
    'The password for the trust store file. If a password is not set, trust store file configured will still be used, but integrity checking is disabled. Trust store password is not supported for PEM format.',
    { effective: false, note: 'PEM trust stores have no password.' },
  ),
  'ssl.truststore.certificates': password(
    "Trusted certificates in the format specified by 'ssl.truststore.type'. Default SSL engine factory supports only PEM format with X.509 certificates." +
      LISTENER_PREFIX,
  ),
  'ssl.client.auth': enumString(
    ['required', 'requested', 'none'],
    'none',
    'Configures kafka broker to request client authentication. The following settings are common: <ul> <li><code>ssl.client.auth=required</code> If set to required client authentication is required. <li><code>ssl.client.auth=requested</code> This means client authentication is optional. unlike required, if this option is set client can choose not to provide authentication information about itself <li><code>ssl.client.auth=none</code> This means client authentication is not needed.</ul>' +
      LISTENER_PREFIX,
  ),
  'ssl.principal.mapping.rules': string(
    'DEFAULT',
    'A list of rules for mapping from distinguished name from the client certificate to short name. The rules are evaluated in order and the first rule that matches a principal name is used to map it to a short name. Any later rules in the list are ignored. By default, distinguished name of the X.500 certificate will be the principal. For more details on the format please see <a href="#security_authz"> security authorization and acls</a>.' +
      LISTENER_PREFIX,
  ),
  'ssl.enabled.protocols': list(['TLSv1.2', 'TLSv1.3'], 'The list of protocols enabled for SSL connections.' + LISTENER_PREFIX),
  'ssl.protocol': string('TLSv1.3', 'The SSL protocol used to generate the SSLContext.', {
    effective: false,
    note: 'ssl.enabled.protocols decides the TLS versions.',
  }),
  'ssl.cipher.suites': list(
    [],
    'A list of cipher suites. This is a named combination of authentication, encryption, MAC and key exchange algorithm used to negotiate the security settings for a network connection using TLS or SSL network protocol. By default all the available cipher suites are supported.',
    { effective: false, note: "Node's default cipher suites are used." },
  ),
  'ssl.endpoint.identification.algorithm': string('https', 'The endpoint identification algorithm to validate server hostname using server certificate.', {
    effective: false,
    note: 'A client setting; brokers do not verify client host names.',
  }),
  // SASL
  'sasl.enabled.mechanisms': list(
    ['GSSAPI'],
    'The list of SASL mechanisms enabled in the Kafka server. The list may contain any mechanism for which a security provider is available. Only GSSAPI is enabled by default.' +
      LISTENER_PREFIX,
    { note: "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER; GSSAPI (Kafka's default) stops a SASL listener at start." },
  ),
  'sasl.mechanism.inter.broker.protocol': string('GSSAPI', 'SASL mechanism used for inter-broker communication. Default is GSSAPI.', {
    note: "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 with the credentials of the inter-broker listener's JAAS config.",
  }),
  'sasl.server.max.receive.size': int(
    524288,
    'The maximum receive size allowed before and during initial SASL authentication. Default receive size is 512KB. GSSAPI limits requests to 64K, but we allow upto 512KB by default for custom SASL mechanisms. In practice, PLAIN, SCRAM and OAUTH mechanisms can use much smaller limits.' +
      LISTENER_PREFIX,
    { validate: atLeast(1) },
  ),
  'connections.max.reauth.ms': long(
    0,
    'When explicitly set to a positive number (the default is 0, not a positive number), a session lifetime that will not exceed the configured value will be communicated to v2.2.0 or later clients when they authenticate. The broker will disconnect any such connection that is not re-authenticated within the session lifetime and that is then subsequently used for any purpose other than re-authentication.' +
      LISTENER_PREFIX,
    { validate: atLeast(0) },
  ),
  'connection.failed.authentication.delay.ms': int(
    100,
    'Connection close delay on failed authentication: this is the time (in milliseconds) by which connection close will be delayed on authentication failure. This must be configured to be less than connections.max.idle.ms to prevent connection timeout.',
    { validate: atLeast(0) },
  ),
  'sasl.oauthbearer.jwks.endpoint.url': string(
    null,
    "The OAuth/OIDC provider URL from which the provider's JWKS (JSON Web Key Set) can be retrieved. The URL can be HTTP(S)-based or file-based." +
      LISTENER_PREFIX,
    { note: 'file: URLs only; the file is re-read when it changes.' },
  ),
  'sasl.oauthbearer.expected.audience': list(
    null,
    'The (optional) comma-delimited setting for the broker to use to verify that the JWT was issued for one of the expected audiences. The JWT will be inspected for the standard OAuth "aud" claim and if this value is set, the broker will match the value from JWT\'s "aud" claim to see if there is an exact match. If there is no match, the broker will reject the JWT and authentication will fail.' +
      LISTENER_PREFIX,
  ),
  'sasl.oauthbearer.expected.issuer': string(
    null,
    'The (optional) setting for the broker to use to verify that the JWT was created by the expected issuer. The JWT will be inspected for the standard OAuth "iss" claim and if this value is set, the broker will match it exactly against what is in the JWT\'s "iss" claim. If there is no match, the broker will reject the JWT and authentication will fail.' +
      LISTENER_PREFIX,
  ),
  'sasl.oauthbearer.sub.claim.name': string(
    'sub',
    'The OAuth claim for the subject is often named "sub", but this (optional) setting can provide a different name to use for the subject included in the JWT payload\'s claims if the OAuth/OIDC provider uses a different name for that claim.' +
      LISTENER_PREFIX,
  ),
  'sasl.oauthbearer.scope.claim.name': string(
    'scope',
    'The OAuth claim for the scope is often named "scope", but this (optional) setting can provide a different name to use for the scope included in the JWT payload\'s claims if the OAuth/OIDC provider uses a different name for that claim.',
    { effective: false, note: 'Scopes are not checked.' },
  ),
  'sasl.oauthbearer.clock.skew.seconds': int(
    30,
    'The (optional) value in seconds to allow for differences between the time of the OAuth/OIDC identity provider and the broker.' + LISTENER_PREFIX,
    { validate: atLeast(0) },
  ),
  // authorization
  'authorizer.class.name': string(
    '',
    'The fully qualified name of a class that implements <code>org.apache.kafka.server.authorizer.Authorizer</code> interface, which is used by the broker for authorization.',
    {
      validate: (v) => (v === '' ? undefined : oneOf('kafka.security.authorizer.AclAuthorizer', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer')(v)),
      note: "Either of Kafka's ACL authorizers turns ACLs on; both decide alike.",
    },
  ),
  'super.users': string(null, 'A list of principals that are allowed to perform any action, separated by semicolons: <code>User:admin;User:broker</code>.'),
  'allow.everyone.if.no.acl.found': boolean(false, 'If a resource has no associated ACLs, allow everyone to access it (AclAuthorizer and StandardAuthorizer).'),
  // client quotas
  'quota.window.num': int(11, 'The number of samples to retain in memory for client quotas', { validate: atLeast(1) }),
  'quota.window.size.seconds': int(1, 'The time span of each sample for client quotas', { validate: atLeast(1) }),
} as const satisfies Record<string, ConfigKey>
