/**
 * PostgreSQL migrations, in order. Append new ones; never edit or renumber a released one. Versions
 * are this folder's own (they need not match SQLite's numbers: each database has one backend).
 */
import type { Migration } from "../../migrate.js";
import { migration as m001 } from "./001-deliveries-and-state.js";
import { migration as m002 } from "./002-commit-reports.js";
import { migration as m003 } from "./003-automerge.js";
import { migration as m004 } from "./004-slack-outbox.js";
import { migration as m005 } from "./005-deployments.js";
import { migration as m006 } from "./006-command-log.js";

export const postgresMigrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006];
