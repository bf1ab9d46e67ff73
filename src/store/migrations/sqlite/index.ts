/** SQLite migrations, in order. Append new ones; never edit or renumber a released one. */
import type { Migration } from "../../migrate.js";
import { migration as m001 } from "./001-deliveries-and-state.js";
import { migration as m002 } from "./002-queue.js";
import { migration as m003 } from "./003-commit-reports.js";
import { migration as m004 } from "./004-queue-stats-index.js";
import { migration as m005 } from "./005-automerge.js";
import { migration as m006 } from "./006-slack-outbox.js";
import { migration as m007 } from "./007-deployments.js";
import { migration as m008 } from "./008-command-log.js";

export const sqliteMigrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008];
