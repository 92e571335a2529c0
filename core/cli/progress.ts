/**
 * A progress bar on stderr for long commands. On a terminal it redraws one line; otherwise (a log,
 * a pipe, CI) it prints a line at every tenth of the way, so the output stays readable.
 */
export interface Progress {
  update(done: number): void;
  done(): void;
}

const fmt = new Intl.NumberFormat('en-US');

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const tty = stream.isTTY === true;
  let lastTenth = -1;
  let lastDraw = 0;
  const line = (done: number): string => {
    const elapsed = performance.now() - started;
    const frac = total === 0 ? 1 : Math.min(1, done / total);
    const eta = frac > 0 && frac < 1 ? `, ${seconds((elapsed / frac) * (1 - frac))} left` : '';
    return `${label} ${(frac * 100).toFixed(0).padStart(3)}%  ${fmt.format(done)}/${fmt.format(total)}  ${seconds(elapsed)}${eta}`;
  };
  return {
    update(done) {
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round((width * Math.min(done, total)) / Math.max(total, 1));
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(done)}\x1b[K`);
      } else {
        const tenth = Math.floor((10 * done) / Math.max(total, 1));
        if (tenth > lastTenth) {
          lastTenth = tenth;
          stream.write(`${line(done)}\n`);
        }
      }
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
