import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/*
 * The Azure mock's TLS certificate (the Azure SDK refuses bearer tokens over http://), made when a
 * server starts and gone with it: a fresh P-256 key that lives only in this process's memory, and
 * a self-signed end-entity certificate for the loopback names only (127.0.0.1, ::1, localhost),
 * with CA:FALSE, so it cannot vouch for any other certificate and any other host name fails to
 * verify against it. Clients trust exactly this certificate (`tlsOptions.ca`).
 *
 * Node can sign but not build certificates, so the certificate is DER written here (RFC 5280,
 * section 4.1; X.690 DER): small, and checked in the tests by Node's own X.509 parser and by real
 * TLS handshakes, not by this code.
 */

export interface LoopbackCertificate {
  /** The certificate to serve and to trust (PEM). */
  readonly cert: string;
  /** Its private key (PEM): keep it in memory, never write it down. */
  readonly key: string;
}

/** How long a certificate is valid: enough for any mock session, and it dies with the process anyway. */
const VALID_DAYS = 90;

export function createLoopbackCertificate(now: number = Date.now()): LoopbackCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = seq(set(seq(oid('2.5.4.3'), utf8('trafficport mock (loopback only)'))));
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))), // v3
    int(serialNumber()),
    ECDSA_WITH_SHA256,
    name,
    seq(time(now - 60 * 60 * 1000), time(now + VALID_DAYS * 24 * 60 * 60 * 1000)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      seq(
        extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
        extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)), // keyUsage: digitalSignature
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
        extension(
          '2.5.29.17', // subjectAltName
          false,
          seq(
            tagged(0x87, Buffer.from([127, 0, 0, 1])),
            tagged(0x87, Buffer.from([...Array(15).fill(0), 1])),
            tagged(0x82, Buffer.from('localhost', 'ascii')),
          ),
        ),
      ),
    ),
  );
  const certificate = seq(tbs, ECDSA_WITH_SHA256, bitString(sign('sha256', tbs, privateKey), 0));
  return {
    cert: pem('CERTIFICATE', certificate),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A positive 16-byte serial (RFC 5280 allows up to 20 octets). */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes;
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// DER, only the parts a certificate needs.

function tagged(tag: number, content: Buffer): Buffer {
  const length = content.length;
  const head =
    length < 0x80
      ? Buffer.from([tag, length])
      : length < 0x100
        ? Buffer.from([tag, 0x81, length])
        : Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([head, content]);
}

function seq(...items: Buffer[]): Buffer {
  return tagged(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return tagged(0x31, Buffer.concat(items));
}

function explicit(number: number, content: Buffer): Buffer {
  return tagged(0xa0 | number, content);
}

function int(bytes: Buffer): Buffer {
  return tagged(0x02, bytes);
}

function bitString(bytes: Buffer, unusedBits: number): Buffer {
  return tagged(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

function utf8(text: string): Buffer {
  return tagged(0x0c, Buffer.from(text, 'utf8'));
}

function bool(value: boolean): Buffer {
  return tagged(0x01, Buffer.from([value ? 0xff : 0]));
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) base128.unshift((value & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tagged(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280, 4.1.2.5). */
function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2026-12-01T00:00:00.000Z
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tagged(0x17, Buffer.from(digits.slice(2), 'ascii')) : tagged(0x18, Buffer.from(digits, 'ascii'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), tagged(0x04, value));
}

const ECDSA_WITH_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
