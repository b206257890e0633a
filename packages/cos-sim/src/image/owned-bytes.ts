/**
 * The one way command data (or any caller's bytes) enters a CardImage. A command's data is a
 * view into the caller's buffer, which may be a Node Buffer (whose `slice` is another view)
 * that the caller reuses: the image gets a plain Uint8Array of its own, so it neither changes
 * behind the card's back nor serialises as `{"type":"Buffer"}`.
 */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}
