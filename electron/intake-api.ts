/** What the preload exposes as window.intake; the renderer may import this for types only. */
import type { CallResult, Input, MethodName, Output } from '../core/api/contract/index.js';

export interface IntakeBridge {
  call<M extends MethodName>(method: M, input: Input<M>, session?: string | null): Promise<CallResult<Output<M>>>;
  /** Shows the file dialog in main and stages the chosen files for the core (electron/attach.ts); [] when cancelled. */
  attach?(held: string[], session: string | null): Promise<CallResult<{ stagingId: string; fileName: string; mime: string; size: number }>[]>;
  /** A stored attachment's bytes, for a thumbnail or the PDF viewer. */
  readAttachment?(attachmentId: number, session: string | null): Promise<{ bytes: Uint8Array; mime: string } | null>;
}
