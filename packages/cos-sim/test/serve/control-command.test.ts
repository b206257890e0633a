import { describe, expect, test } from 'vitest';
import { parseControlCommand } from '../../src/serve/control-command.js';

describe('serve stdin commands', () => {
  test('07-vpcd (remove = close, insert = connect): "remove 35963" and "insert 35964" name a slot', () => {
    expect(parseControlCommand('remove 35963')).toEqual({ verb: 'remove', port: 35963 });
    expect(parseControlCommand('  INSERT   35964 ')).toEqual({ verb: 'insert', port: 35964 });
  });

  test('07-vpcd: a command without a port applies to every slot; blank lines are ignored', () => {
    expect(parseControlCommand('toggle')).toEqual({ verb: 'toggle', port: null });
    expect(parseControlCommand('status')).toEqual({ verb: 'status', port: null });
    expect(parseControlCommand('   ')).toBeNull();
  });

  test('12-payment 防拔: "cut-power-after N [PORT]" arms the power cut of one slot or every slot', () => {
    expect(parseControlCommand('cut-power-after 2 35963')).toEqual({
      verb: 'cut-power-after',
      writes: 2,
      port: 35963,
    });
    expect(parseControlCommand('CUT-POWER-AFTER 3')).toEqual({
      verb: 'cut-power-after',
      writes: 3,
      port: null,
    });
    for (const bad of [
      'cut-power-after',
      'cut-power-after 0',
      'cut-power-after x',
      'cut-power-after 1 0',
      'cut-power-after 1 2 3',
    ])
      expect(parseControlCommand(bad)).toHaveProperty('error');
  });

  test('07-vpcd: bad input is an error to report, not a crash', () => {
    expect(parseControlCommand('eject 35963')).toHaveProperty('error');
    expect(parseControlCommand('remove 70000')).toHaveProperty('error');
    expect(parseControlCommand('remove abc')).toHaveProperty('error');
    expect(parseControlCommand('remove 1 2')).toHaveProperty('error');
  });
});
