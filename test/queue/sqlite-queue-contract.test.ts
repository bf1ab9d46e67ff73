import { queueContract } from "./queue-contract.js";
import { sqliteFileHarness, sqliteMemoryHarness } from "./sqlite-queue-harness.js";

queueContract("SQLite file", (o) => sqliteFileHarness(o));
queueContract("SQLite :memory:", (o) => sqliteMemoryHarness(o));
