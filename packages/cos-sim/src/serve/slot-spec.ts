/**
 * `--slot PROFILE@PORT[:contactless][:STATEFILE]`: one card of a multi-card `cos-sim serve`, e.g.
 * `--slot ssc-2g-des@35963 --slot psam-hospital@35964:/var/lib/ssc/psam.json`,
 * `--slot ssc-3g-sm4@35965:contactless` (the card as a contactless reader shows it; a state
 * file literally named "contactless" is written `./contactless`).
 */
import type { SlotPlan } from './run-serve.js';

export function parseSlotSpec(text: string): SlotPlan | string {
  const at = text.lastIndexOf('@');
  if (at <= 0) return `--slot "${text}": expected PROFILE@PORT[:contactless][:STATEFILE]`;
  const profile = text.slice(0, at);
  const rest = text.slice(at + 1);
  const colon = rest.indexOf(':');
  const portText = colon < 0 ? rest : rest.slice(0, colon);
  let statePath = colon < 0 ? null : rest.slice(colon + 1);
  const contactless = statePath === 'contactless' || statePath?.startsWith('contactless:') === true;
  if (contactless) statePath = statePath === 'contactless' ? null : statePath!.slice('contactless:'.length);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
    return `--slot "${text}": "${portText}" is not a port`;
  if (statePath === '') return `--slot "${text}": empty state file name after ":"`;
  return contactless ? { profile, port, statePath, contactless } : { profile, port, statePath };
}

/** Two cards cannot share a reader slot, nor a state file. */
export function checkSlots(slots: SlotPlan[]): string | null {
  const ports = new Set<number>();
  const states = new Set<string>();
  for (const s of slots) {
    if (ports.has(s.port)) return `two cards on port ${s.port}`;
    ports.add(s.port);
    if (s.statePath !== null) {
      if (states.has(s.statePath)) return `two cards with state file ${s.statePath}`;
      states.add(s.statePath);
    }
  }
  return slots.length === 0 ? 'nothing to serve: give --profile or --slot' : null;
}
