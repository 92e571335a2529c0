/** Entry of a core worker thread: the writer or a reader, as workerData says. */
import { parentPort, workerData } from 'node:worker_threads';
import type { HostMessage, ReaderRequest, WorkerData, WriterRequest } from './protocol.js';
import { answerReader, openReader } from './reader.js';
import { answerWriter, openWriter, prepareBackupKeys } from './writer.js';

const port = parentPort!;
const data = workerData as WorkerData;
const post = (m: HostMessage) => port.postMessage(m);

try {
  if (data.role === 'writer') {
    const core = openWriter(data.options, { postMessage: post });
    port.on('message', (m: WriterRequest) => answerWriter(core, m, { postMessage: post }));
    await prepareBackupKeys(core.ctx);
    post({ type: 'ready', databaseKey: core.ctx.databaseKey?.toString('hex') ?? null, receiptKey: core.ctx.receiptKey?.toString('hex') ?? null });
  } else {
    const ctx = openReader(data.options);
    port.on('message', (m: ReaderRequest) => answerReader(ctx, m, { postMessage: post }));
    post({ type: 'ready' });
  }
} catch (err) {
  // An unopenable data folder (a newer schema, a wrong key): the shell prints this and stops.
  post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
}
