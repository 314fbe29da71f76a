// The step harness the TypeScript client scripts share: one JSON line per step
// ({"step":NAME,"ok":BOOL,"ms":N,...}), then a {"summary":{"passed":N,"failed":N}} line, exit 1 when a step failed.
const results = [];

export const emit = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

export const check = (c, m) => {
  if (!c) throw new Error(m);
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs fn as a step named name; its returned object's fields join the step's line. Resolves to whether it passed. */
export async function step(name, fn) {
  const started = Date.now();
  try {
    const details = (await fn()) ?? {};
    const r = { step: name, ok: true, ms: Date.now() - started, ...details };
    results.push(r);
    emit(r);
    return true;
  } catch (e) {
    const r = { step: name, ok: false, ms: Date.now() - started, error: e instanceof Error ? e.message : String(e) };
    results.push(r);
    emit(r);
    return false;
  }
}

/** Prints the summary line and exits: 0 when every step passed, else 1. */
export function finish() {
  const failed = results.filter((r) => !r.ok).length;
  emit({ summary: { passed: results.length - failed, failed } });
  process.exit(failed > 0 ? 1 : 0);
}
