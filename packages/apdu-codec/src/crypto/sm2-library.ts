/**
 * sm-crypto-v2 (with @noble/curves under it) takes ~15-20 ms to load, more than the rest of the
 * crypto together, and most users of this package never touch SM2 (a 3DES card, `cos-sim exec`
 * on ssc-2g-des, the `apdu` tool). So it is loaded on the first SM2 operation, synchronously:
 * the package is CommonJS (its `main`; Node's ESM import of it loads that same file), so
 * `require` returns the very module an `import` would.
 */
import { createRequire } from 'node:module';

type Sm2 = typeof import('sm-crypto-v2')['sm2'];

let loaded: Sm2 | undefined;

/** sm-crypto-v2's `sm2` object, loaded on first use. */
export function sm2(): Sm2 {
  loaded ??= (createRequire(import.meta.url)('sm-crypto-v2') as typeof import('sm-crypto-v2')).sm2;
  return loaded;
}
