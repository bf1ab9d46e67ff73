// A large LCOV tracefile (genhtml/c8/jest style): 7,200 source files with functions, line hits and branch
// records. About 50 MB.
import { pick, seeded } from "./random.js";
import { type Generated, generate } from "./write.js";

const DIRS = ["api", "core", "db", "ui", "jobs", "billing", "auth", "search"];

export function generateLcov(files = 7_200): Generated {
  return generate(`lcov-${files}.v1.info`, (emit) => {
    const random = seeded(7);
    for (let f = 0; f < files; f++) {
      const lines = 300 + Math.floor(random() * 900);
      emit(
        `TN:\nSF:/home/runner/work/app/app/src/${pick(random, DIRS)}/${pick(random, DIRS)}/module_${f}.ts\n`,
      );
      const functions = Math.floor(lines / 40);
      for (let i = 0; i < functions; i++) emit(`FN:${1 + i * 40},handler${i}\n`);
      for (let i = 0; i < functions; i++) emit(`FNDA:${Math.floor(random() * 20)},handler${i}\n`);
      emit(`FNF:${functions}\nFNH:${functions}\n`);
      let found = 0;
      let hit = 0;
      let branches = 0;
      let branchesHit = 0;
      const parts: string[] = [];
      for (let line = 1; line <= lines; line++) {
        if (random() < 0.3) continue;
        const hits = random() < 0.8 ? Math.floor(random() * 50) + 1 : 0;
        found++;
        if (hits > 0) hit++;
        parts.push(`DA:${line},${hits}\n`);
        if (random() < 0.08) {
          for (let b = 0; b < 2; b++) {
            const taken = hits === 0 ? "-" : String(Math.floor(random() * 3));
            branches++;
            if (taken !== "-" && taken !== "0") branchesHit++;
            parts.push(`BRDA:${line},0,${b},${taken}\n`);
          }
        }
      }
      emit(parts.join(""));
      emit(`LF:${found}\nLH:${hit}\nBRF:${branches}\nBRH:${branchesHit}\nend_of_record\n`);
    }
  });
}
