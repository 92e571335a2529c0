/**
 * The transport the renderer tests fake: window.intake, the preload's IntakeBridge. Each test says what
 * the core answers per method; every call is recorded (method, input, session) for assertions.
 */
import { mount } from '@vue/test-utils';
import { defineComponent, h, type Plugin } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { CallFailure, CallResult, ErrorCode, Input, MethodName, Output } from '../../core/api/contract';
import type { IntakeBridge } from '../../electron/intake-api';

type Answer<M extends MethodName> = CallResult<Output<M>> | Promise<CallResult<Output<M>>>;
export type Handlers = { [M in MethodName]?: (input: Input<M>, session: string | null | undefined) => Answer<M> };

export interface RecordedCall {
  method: MethodName;
  input: unknown;
  session: string | null | undefined;
}

export interface FakeBridge extends IntakeBridge {
  calls: RecordedCall[];
  /** The inputs of every call of one method, in order. */
  inputsOf<M extends MethodName>(method: M): Input<M>[];
}

export function installBridge(handlers: Handlers): FakeBridge {
  const calls: RecordedCall[] = [];
  const bridge: FakeBridge = {
    calls,
    inputsOf: <M extends MethodName>(method: M) => calls.filter((c) => c.method === method).map((c) => c.input as Input<M>),
    async call<M extends MethodName>(method: M, input: Input<M>, session?: string | null): Promise<CallResult<Output<M>>> {
      calls.push({ method, input, session });
      const handler = handlers[method] as ((i: Input<M>, s: string | null | undefined) => Answer<M>) | undefined;
      if (!handler) return { ok: false, code: 'UNKNOWN_METHOD', message_zh: `fake bridge: nothing answers ${method}` };
      return handler(input, session);
    },
  };
  window.intake = bridge;
  return bridge;
}

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = (code: ErrorCode, message_zh: string, extra: Pick<CallFailure, 'field' | 'incident'> = {}): CallFailure => ({ ok: false, code, message_zh, ...extra });

/** A promise the test resolves when it chooses, to look at the state while a call is in flight. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets pending promise callbacks (the fake's answers, watchers) run. */
export const settle = () => new Promise<void>((r) => setTimeout(r, 0));

/** Runs a composable inside a mounted component, so lifecycle and scope disposal are real. */
export function withSetup<T>(composable: () => T, plugins: Plugin[] = []) {
  let result!: T;
  const Host = defineComponent({
    setup() {
      result = composable();
      return () => h('div');
    },
  });
  const wrapper = mount(Host, { global: { plugins } });
  return { result, wrapper };
}

/** A router that accepts every path, for pages that link and navigate. */
export function testRouter(): Router {
  return createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { render: () => null } }] });
}
