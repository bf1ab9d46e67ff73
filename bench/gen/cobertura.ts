// A large Cobertura file (coverage.py / Coverlet style): packages, classes, methods and per-line hits with
// branch conditions. About 50 MB.
import { pick, seeded } from "./random.js";
import { type Generated, generate } from "./write.js";

const DIRS = ["api", "core", "db", "ui", "jobs", "billing", "auth", "search"];

export function generateCobertura(classes = 3_300): Generated {
  return generate(`cobertura-${classes}.v1.xml`, (emit) => {
    const random = seeded(11);
    emit('<?xml version="1.0" ?>\n');
    emit(
      '<coverage version="7.6.1" timestamp="1763600000000" lines-valid="0" lines-covered="0" line-rate="0" branches-covered="0" branches-valid="0" branch-rate="0" complexity="0">\n',
    );
    emit("  <sources>\n    <source>/home/runner/work/app/app/src</source>\n  </sources>\n  <packages>\n");
    const perPackage = 50;
    for (let c = 0; c < classes; c++) {
      if (c % perPackage === 0) {
        if (c > 0) emit("      </classes>\n    </package>\n");
        emit(
          `    <package name="app.${pick(random, DIRS)}${c / perPackage}" line-rate="0.8" branch-rate="0.6" complexity="0">\n      <classes>\n`,
        );
      }
      const file = `${pick(random, DIRS)}/${pick(random, DIRS)}/module_${c}.py`;
      emit(
        `        <class name="module_${c}.py" filename="${file}" complexity="0" line-rate="0.8" branch-rate="0.6">\n          <methods/>\n          <lines>\n`,
      );
      const lines = 200 + Math.floor(random() * 600);
      const parts: string[] = [];
      for (let line = 1; line <= lines; line++) {
        if (random() < 0.35) continue;
        const hits = random() < 0.8 ? Math.floor(random() * 30) + 1 : 0;
        if (random() < 0.07) {
          const covered = hits === 0 ? 0 : 1 + Math.floor(random() * 2);
          parts.push(
            `            <line number="${line}" hits="${hits}" branch="true" condition-coverage="${(covered / 2) * 100}% (${covered}/2)" missing-branches="${line + 2}"/>\n`,
          );
        } else {
          parts.push(`            <line number="${line}" hits="${hits}"/>\n`);
        }
      }
      emit(parts.join(""));
      emit("          </lines>\n        </class>\n");
    }
    emit("      </classes>\n    </package>\n  </packages>\n</coverage>\n");
  });
}
