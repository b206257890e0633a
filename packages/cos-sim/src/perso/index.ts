/** Personalisation: the FMCOS script of a card image and the blank chip it starts from (docs/profile.md). */
export { blankChipFor, blankMf, isBlankMf } from './blank-chip.js';
export { persoScriptLines } from './script.js';
