/** What the preload exposes as window.intake; the renderer may import this for types only. */
import type { CallResult, Input, MethodName, Output } from '../core/api/contract/index.js';

export interface IntakeBridge {
  call<M extends MethodName>(method: M, input: Input<M>, session?: string | null): Promise<CallResult<Output<M>>>;
}
