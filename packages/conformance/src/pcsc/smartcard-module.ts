/**
 * The `smartcard` N-API binding, loaded on first use only: the conformance package must load
 * (and its in-process target work) on machines where the native module is absent or unbuilt.
 */
import { ApduError } from '@ssc-cos/apdu-codec';

export type SmartcardModule = typeof import('smartcard');

let loading: Promise<SmartcardModule> | undefined;

/** Imports `smartcard` once; rejects with ApduError('transport') saying why it is unusable. */
export function loadSmartcard(): Promise<SmartcardModule> {
  loading ??= import('smartcard').then(
    (mod) => ((mod as { default?: SmartcardModule }).default ?? mod) as SmartcardModule,
    (e: Error) => {
      loading = undefined;
      throw new ApduError(
        'transport',
        `the PC/SC binding "smartcard" is not available (${e.message.split('\n')[0]}); \`bash scripts/install-deps.sh\` installs libpcsclite-dev and builds it`,
      );
    },
  );
  return loading;
}
