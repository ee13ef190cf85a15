import type { EvalReport } from "./run-evaluation.js";

/** Figures of one split averaged over data sets, each set weighing the same whatever its number of questions. */
export interface MacroFigures {
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly mrr: number;
  readonly answerHit: number;
  readonly declined: number;
  readonly rightTentative: number;
  /** Over the sets that have near-topic or SQuAD 2.0 unanswerable questions in this split; undefined when none has. */
  readonly unanswerableDeclined?: number;
  readonly unanswerableConfident?: number;
}

export interface MacroSystem {
  readonly name: string;
  readonly tune: MacroFigures;
  readonly test: MacroFigures;
  /** Over the sets with a hold-out; undefined when none has one. */
  readonly heldOutDeclined?: number;
  readonly heldOutConfident?: number;
}

/**
 * The macro average of several data sets' reports, per system (a system missing from a set — skipped there —
 * is averaged over the sets that ran it). Choices are made on this, so that no one set's style of question
 * decides them. Pure.
 */
export function macroAverage(reports: readonly EvalReport[]): MacroSystem[] {
  const names = [...new Set(reports.flatMap((report) => report.systems.map((system) => system.name)))];
  return names.map((name) => {
    const runs = reports.flatMap((report) => report.systems.filter((system) => system.name === name));
    const split = (key: "tune" | "test"): MacroFigures => {
      const figures = runs.map((run) => run[key]).filter((metrics) => metrics.questions > 0 || metrics.unanswerable);
      const answerable = figures.filter((metrics) => metrics.questions > 0);
      const unanswerable = figures.flatMap((metrics) => (metrics.unanswerable ? [metrics.unanswerable] : []));
      const mean = <T>(items: readonly T[], of: (item: T) => number) => round(items.reduce((sum, item) => sum + of(item), 0) / (items.length || 1));
      return {
        recallAt1: mean(answerable, (m) => m.recallAt1),
        recallAt5: mean(answerable, (m) => m.recallAt5),
        mrr: mean(answerable, (m) => m.mrr),
        answerHit: mean(answerable, (m) => m.answerHit),
        declined: mean(answerable, (m) => m.declined),
        rightTentative: mean(answerable, (m) => m.rightTentative),
        ...(unanswerable.length > 0
          ? { unanswerableDeclined: mean(unanswerable, (u) => u.declined), unanswerableConfident: mean(unanswerable, (u) => u.confident) }
          : {}),
      };
    };
    const heldOut = runs.filter((run) => run.heldOutDeclined !== undefined);
    const meanOf = (of: (run: (typeof runs)[number]) => number) => round(heldOut.reduce((sum, run) => sum + of(run), 0) / heldOut.length);
    return {
      name,
      tune: split("tune"),
      test: split("test"),
      ...(heldOut.length > 0 ? { heldOutDeclined: meanOf((run) => run.heldOutDeclined!), heldOutConfident: meanOf((run) => run.heldOutConfident!) } : {}),
    };
  });
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
