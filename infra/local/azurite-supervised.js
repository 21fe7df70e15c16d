// Runs Azurite inside this Node.js process and exits as soon as standard input closes.
// The .NET launcher keeps a pipe to our stdin open for as long as it lives, so when the test run or the
// app ends (disposed, crashed, or killed with SIGKILL) the pipe closes and Azurite goes with it:
// no orphan emulators holding ports and temp folders.
"use strict";
const exit = () => process.exit(0);
process.stdin.on("end", exit);
process.stdin.on("close", exit);
process.stdin.on("error", exit);
process.stdin.resume();
require("azurite/dist/src/azurite.js");
