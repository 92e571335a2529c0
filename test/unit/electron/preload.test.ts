import fs from 'node:fs';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, it, expect } from 'vitest';
import { CHANNEL } from '../../../electron/ipc.js';

const source = fs.readFileSync(new URL('../../../electron/preload.cts', import.meta.url), 'utf8');

/**
 * Runs the preload the way Electron runs a sandboxed one: compiled to CommonJS and called as a
 * function of (require, process, exports, module), where require knows only 'electron'.
 */
function runPreload() {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, value: 'pong' });
      },
    },
  };
  const required: string[] = [];
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name !== 'electron') throw new Error(`module not found: ${name}`);
    return electron;
  };
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const exports = {};
  vm.compileFunction(js, ['require', 'process', 'exports', 'module'])(sandboxRequire, {}, exports, { exports });
  return { exposed, invoked, required };
}

describe('preload', () => {
  it('uses the same channel as the main process', () => {
    const m = /const CHANNEL = '([^']+)'/.exec(source);
    expect(m?.[1]).toBe(CHANNEL);
  });

  it('requires nothing but electron (a sandboxed preload cannot)', () => {
    expect(runPreload().required).toEqual(['electron']);
  });

  it('exposes only window.intake, whose call goes over the one channel', async () => {
    const { exposed, invoked } = runPreload();
    expect([...exposed.keys()]).toEqual(['intake']);
    const bridge = exposed.get('intake') as { call(method: string, input: unknown, session?: string): Promise<unknown> };
    expect(Object.keys(bridge)).toEqual(['call', 'attach', 'readAttachment']);
    await expect(bridge.call('villages.list', { township: 'ZMQ' })).resolves.toEqual({ ok: true, value: 'pong' });
    await bridge.call('villages.list', {}, 'tok');
    expect(invoked).toEqual([
      [CHANNEL, 'villages.list', { township: 'ZMQ' }, null],
      [CHANNEL, 'villages.list', {}, 'tok'],
    ]);
  });
});
