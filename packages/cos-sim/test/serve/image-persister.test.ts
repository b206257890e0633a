import { describe, expect, test } from 'vitest';
import { ImagePersister } from '../../src/serve/image-persister.js';

describe('state persistence while serving', () => {
  test('image/types (images replaced, never mutated): saves only when the image object changed', () => {
    let image = { n: 0 };
    const saved: number[] = [];
    const persister = new ImagePersister(
      () => image,
      (i) => saved.push(i.n),
      (e) => {
        throw e;
      },
    );
    expect(persister.saveIfChanged()).toBe(false);
    image = { n: 1 };
    expect(persister.saveIfChanged()).toBe(true);
    expect(persister.saveIfChanged()).toBe(false);
    persister.saveNow();
    expect(saved).toEqual([1, 1]);
  });

  test('image/types: a failed save is reported and retried on the next change check', () => {
    let image = { n: 0 };
    let fail = true;
    const errors: string[] = [];
    const saved: number[] = [];
    const persister = new ImagePersister(
      () => image,
      (i) => {
        if (fail) throw new Error('disk full');
        saved.push(i.n);
      },
      (e) => errors.push(e.message),
    );
    image = { n: 1 };
    expect(persister.saveIfChanged()).toBe(false);
    fail = false;
    expect(persister.saveIfChanged()).toBe(true);
    expect(errors).toEqual(['disk full']);
    expect(saved).toEqual([1]);
  });
});
