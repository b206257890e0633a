/**
 * Writes a served card's image to its state file whenever it changed, after the APDU that
 * changed it and before its answer is sent: like a real card's EEPROM, whatever the terminal
 * was told has happened (a PIN try counted, a record written) survives a kill -9.
 *
 * Images are never mutated in place (image/types.ts): a write replaces the root object, so
 * "changed" is one identity comparison and read-only APDUs cost nothing.
 */
export class ImagePersister<Image extends object> {
  private saved: Image;

  constructor(
    private readonly current: () => Image,
    private readonly save: (image: Image) => void,
    private readonly onError: (error: Error) => void,
  ) {
    this.saved = current();
  }

  /** Saves the image if it is not the one saved last; returns whether it wrote. */
  saveIfChanged(): boolean {
    const image = this.current();
    if (image === this.saved) return false;
    try {
      this.save(image);
      this.saved = image;
      return true;
    } catch (e) {
      this.onError(e as Error);
      return false;
    }
  }

  /** Saves unconditionally (on shutdown, so the file exists even if nothing changed). */
  saveNow(): void {
    const image = this.current();
    try {
      this.save(image);
      this.saved = image;
    } catch (e) {
      this.onError(e as Error);
    }
  }
}
