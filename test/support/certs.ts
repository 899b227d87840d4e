/**
 * Test certificates made at test time with openssl in a temporary directory: a CA, the broker's
 * certificate (localhost, 127.0.0.1) as PEM (chain + key in one keystore file, as
 * ssl.keystore.type=PEM takes it) and as PKCS12, an expired one and one signed by another CA, client certificates signed by the CA (alice,
 * bob), one signed by another CA (untrusted) and an expired one, and a JWKS with a key that signs
 * OAUTHBEARER tokens.
 */
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT, exportJWK } from 'jose'

export interface CertFiles {
  dir: string
  /** the CA that signs the broker and client certificates (PEM) */
  ca: string
  /** the broker's chain and key in one PEM file */
  brokerKeystore: string
  brokerCert: string
  brokerKey: string
  /** the broker's key and chain as PKCS12, password `storepass` */
  brokerP12: string
  /** PEM keystores of broker certificates clients must refuse: expired, or signed by another CA */
  brokerExpiredKeystore: string
  brokerUntrustedKeystore: string
  /** client certificate and key files by name: alice, bob, untrusted, expired */
  client(name: 'alice' | 'bob' | 'untrusted' | 'expired'): { cert: string; key: string }
  /** a JWKS file with the key that `token` signs with */
  jwks: string
  /** a JWT for `sub`, signed by the JWKS key (or by another key when `wrongKey`) */
  token(sub: string, opts?: { expiresInSeconds?: number; wrongKey?: boolean; issuer?: string; audience?: string }): Promise<string>
  remove(): void
}

const openssl = (args: string[], cwd: string): void => {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
}

function signed(dir: string, name: string, subject: string, ca: string, days: number, ext?: string): void {
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir)
  const args = [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    String(days),
  ]
  if (ext !== undefined) {
    writeFileSync(join(dir, `${name}.ext`), ext)
    args.push('-extfile', `${name}.ext`)
  }
  openssl(args, dir)
}

export async function makeCerts(): Promise<CertFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-certs-'))
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Samsa Test CA'], dir)
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other-ca.key', '-out', 'other-ca.pem', '-days', '2', '-subj', '/CN=Other CA'], dir)
  signed(dir, 'broker', '/C=US/O=Samsa/CN=localhost', 'ca', 2, 'subjectAltName=DNS:localhost,IP:127.0.0.1\n')
  signed(dir, 'alice', '/C=US/O=Samsa/OU=Clients/CN=alice', 'ca', 2)
  signed(dir, 'bob', '/C=US/O=Samsa/OU=Clients/CN=bob', 'ca', 2)
  signed(dir, 'untrusted', '/C=US/O=Other/CN=mallory', 'other-ca', 2)
  signed(dir, 'expired', '/C=US/O=Samsa/OU=Clients/CN=old', 'ca', -1)
  signed(dir, 'broker-expired', '/C=US/O=Samsa/CN=localhost', 'ca', -1, 'subjectAltName=DNS:localhost,IP:127.0.0.1\n')
  signed(dir, 'broker-untrusted', '/C=US/O=Other/CN=localhost', 'other-ca', 2, 'subjectAltName=DNS:localhost,IP:127.0.0.1\n')
  for (const name of ['broker', 'broker-expired', 'broker-untrusted']) {
    writeFileSync(join(dir, `${name}-keystore.pem`), readFileSync(join(dir, `${name}.pem`), 'utf8') + readFileSync(join(dir, `${name}.key`), 'utf8'))
  }
  openssl(['pkcs12', '-export', '-in', 'broker.pem', '-inkey', 'broker.key', '-certfile', 'ca.pem', '-out', 'broker.p12', '-passout', 'pass:storepass'], dir)

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [jwk] }))
  const sign = (key: KeyObject, sub: string, o: { expiresInSeconds?: number; issuer?: string; audience?: string }): Promise<string> => {
    let jwt = new SignJWT({ scope: 'kafka' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (o.expiresInSeconds ?? 3600))
    if (o.issuer !== undefined) jwt = jwt.setIssuer(o.issuer)
    if (o.audience !== undefined) jwt = jwt.setAudience(o.audience)
    return jwt.sign(key)
  }
  return {
    dir,
    ca: join(dir, 'ca.pem'),
    brokerKeystore: join(dir, 'broker-keystore.pem'),
    brokerCert: join(dir, 'broker.pem'),
    brokerKey: join(dir, 'broker.key'),
    brokerP12: join(dir, 'broker.p12'),
    brokerExpiredKeystore: join(dir, 'broker-expired-keystore.pem'),
    brokerUntrustedKeystore: join(dir, 'broker-untrusted-keystore.pem'),
    client: (name) => ({ cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) }),
    jwks: join(dir, 'jwks.json'),
    token: (sub, o = {}) => sign(o.wrongKey === true ? other : privateKey, sub, o),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Broker settings for an SSL or SASL_SSL listener with the PEM keystore and the CA as truststore. */
export function tlsBrokerConfig(certs: CertFiles, clientAuth: 'none' | 'requested' | 'required' = 'none'): Record<string, string> {
  return {
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': certs.brokerKeystore,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': certs.ca,
    'ssl.client.auth': clientAuth,
  }
}
