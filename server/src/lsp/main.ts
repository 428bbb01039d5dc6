// Entry point of dist/server.js: `node dist/server.js --stdio` (or --node-ipc when the VS Code client
// starts it). The transport is chosen by vscode-languageserver from the command line.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

const connection = createConnection(ProposedFeatures.all);
// A bug in one handler must not take the server (and every open file's diagnostics) down with it.
process.on("uncaughtException", (err) => connection.console.error(`deploygap: unexpected error: ${err.stack ?? err}`));
process.on("unhandledRejection", (err) =>
  connection.console.error(`deploygap: unhandled rejection: ${err instanceof Error ? err.stack : String(err)}`),
);
startServer(connection);
