// Runs Azurite inside this Node.js process and exits as soon as standard input closes.
// The .NET launcher keeps a pipe to our stdin open for as long as it lives, so when the test run or the
// app ends (disposed, crashed, or killed with SIGKILL) the pipe closes and Azurite goes with it:
// no orphan emulators holding ports and temp folders.
//
// Ctrl+C in a terminal sends SIGINT to the whole foreground process group: to the app and to this child. Azurite's
// own SIGINT handler would close the emulator at once, while the app is still shutting down gracefully (releasing
// leases, saving checkpoints) and would then wait on retries against a dead emulator. The owner decides when the
// emulator ends (by closing the pipe), so SIGINT is ignored here; SIGTERM and SIGKILL still stop it directly.
"use strict";
const exit = () => process.exit(0);
process.stdin.on("end", exit);
process.stdin.on("close", exit);
process.stdin.on("error", exit);
process.stdin.resume();

const ignoreSigint = (original) => function (event, listener) {
  return event === "SIGINT" ? this : original.call(this, event, listener);
};
process.on("SIGINT", () => {});
process.on = process.addListener = ignoreSigint(process.on);
process.once = ignoreSigint(process.once);
require("azurite/dist/src/azurite.js");
