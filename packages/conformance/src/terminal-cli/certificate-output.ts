/**
 * How `terminal iWriteCA` / `terminal iReadCA` print the card's certificates: the SDK answer is
 * `签名证书|加密证书|签名公钥|` in hex (what scripts and the HTTP service get); people and
 * openssl want PEM, so the CLI prints PEM by default and the hex answer with `--der`.
 */
import { fromHex } from '@ssc-cos/apdu-codec';

export interface CertificateAnswer {
  /** PEM, or null when the EF holds no certificate. */
  signingCertificate: string | null;
  encryptionCertificate: string | null;
  /** 04 ‖ X ‖ Y in hex, or null when the card has no signing pair. */
  signingPublicKey: string | null;
}

function pem(hex: string): string | null {
  if (hex === '') return null;
  const lines =
    Buffer.from(fromHex(hex))
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function certificateAnswer(out: string): CertificateAnswer {
  const [signing = '', encryption = '', publicKey = ''] = out.split('|');
  return {
    signingCertificate: pem(signing),
    encryptionCertificate: pem(encryption),
    signingPublicKey: publicKey === '' ? null : publicKey,
  };
}

/** Labels outside the PEM blocks, which openssl and X509Certificate skip. */
export function certificateText(out: string): string {
  const a = certificateAnswer(out);
  return [
    `signing certificate (EF 0018):\n${a.signingCertificate ?? 'none\n'}`,
    `encryption certificate (EF 0019):\n${a.encryptionCertificate ?? 'none\n'}`,
    `signing public key: ${a.signingPublicKey ?? 'none'}\n`,
  ].join('');
}
