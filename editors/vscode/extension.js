// The copydesk extension for VS Code: starts `copydesk server` for Markdown, plain-text and HTML
// documents and leaves the rest to the language client (diagnostics, quick fixes, hover,
// "Fix all" on save with "editor.codeActionsOnSave": {"source.fixAll.copydesk": "explicit"}).
// Restart it with the "copydesk: Restart the server" command after changing `copydesk.path`.

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function start() {
  const config = vscode.workspace.getConfiguration("copydesk");
  const server = {
    command: config.get("path", "copydesk"),
    args: ["server"],
    transport: TransportKind.stdio,
  };
  const documentSelector = ["markdown", "plaintext", "html"].flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
  client = new LanguageClient("copydesk", "copydesk", server, {
    documentSelector,
    initializationOptions: { debounceMs: config.get("debounceMs", 100) },
  });
  return client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("copydesk.restart", async () => {
      if (client) {
        await client.stop();
      }
      await start();
    }),
  );
  await start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
