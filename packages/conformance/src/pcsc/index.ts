/** PC/SC access for the host side: a Transport over pcscd, and a pcscd for tests and benches. */
export {
  listPcscReaders,
  type PcscReaderState,
  PcscTransport,
  type PcscTransportOptions,
  pcscReaderStates,
} from './pcsc-transport.js';
export {
  isListening,
  PCSCD_SOCKET,
  type Pcscd,
  type PcscdOptions,
  startPcscd,
  VPCD_PORTS,
  VPCD_READERS,
} from './pcscd.js';
export { ServeProcess, type ServeProcessOptions, workspaceRoot } from './serve-process.js';
export { loadSmartcard, type SmartcardModule } from './smartcard-module.js';
