/**
 * A target is whatever the suite runs against: the in-process simulator, the simulator
 * behind pcscd, or a real card (and PSAM) in PC/SC readers. The suite needs from it only APDU
 * exchange, reset/ATR, what it can do, and how to get back to a known state.
 */
import type { Transport } from '@ssc-cos/apdu-codec';

export interface Capabilities {
  generation: '2g' | '3g';
  transport: 'T0' | 'T1';
  /** A PSAM is connected (keys come from it rather than from master keys). */
  psam: boolean;
  /** Master keys of the profile are usable (the sim, or a test card made from the test keys). */
  masterKeys: boolean;
  /** restore() brings back a fresh card (sim: new image); false = reset only. */
  freshCard: boolean;
}

export interface Target {
  /** e.g. "sim:ssc-2g-des" or "pcsc:ACS ACR39U". */
  readonly name: string;
  readonly card: Transport;
  readonly psam: Transport | null;
  readonly capabilities: Capabilities;
  /**
   * Back to a known state before a case: a fresh card where possible (sim), otherwise a reset
   * of card and PSAM. Persistent changes a case made on a real card stay; destructive cases
   * therefore undo what they can themselves.
   */
  restore(): Promise<void>;
  close(): Promise<void>;
  /**
   * 12-payment 防拔, where the target can (the in-process card): the card's next command loses
   * power right after its k-th internal write and answers nothing. Absent: no such control.
   */
  cutPowerAfterWrites?(k: number): void;
}
