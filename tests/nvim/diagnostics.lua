-- A real editor client for `copydesk server`: headless Neovim opens an article, waits for the
-- diagnostics its LSP client receives, asks for a code action and applies it, asks for a hover,
-- and writes what it saw to a file that .ci/run compares with expected.txt.
--
-- Usage: COPYDESK_BIN=target/debug/copydesk COPYDESK_OUT=out.txt \
--          nvim --headless -u NONE -i NONE -n -c 'luafile tests/nvim/diagnostics.lua' STORY.md
-- Works with Neovim 0.7 (Debian 12's: `vim.lsp.start_client`) and later (`vim.lsp.start`).

local out = {}
local function say(line)
  table.insert(out, line)
end

local function finish(code)
  local file = assert(io.open(os.getenv("COPYDESK_OUT"), "w"))
  file:write(table.concat(out, "\n") .. "\n")
  file:close()
  vim.cmd(code == 0 and "qall!" or "cquit! " .. code)
end

local severities = { "ERROR", "WARN", "INFO", "HINT" }

local function show_diagnostics(bufnr)
  local found = vim.diagnostic.get(bufnr)
  table.sort(found, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  for _, d in ipairs(found) do
    -- 1-based lines, byte columns as Neovim keeps them (converted from UTF-16 by the client).
    say(string.format("%d:%d-%d:%d %s %s %s", d.lnum + 1, d.col + 1, d.end_lnum + 1, d.end_col + 1,
      severities[d.severity], d.code, vim.split(d.message, "\n")[1]))
  end
end

local function wait_for(what, ok)
  if not vim.wait(20000, ok, 20) then
    say("timed out waiting for " .. what)
    finish(1)
  end
end

-- Started with -u NONE: detect the file type so that the client sends `markdown` as languageId.
vim.cmd("filetype on")
vim.cmd("filetype detect")
local bufnr = vim.api.nvim_get_current_buf()
local config = {
  name = "copydesk",
  cmd = { os.getenv("COPYDESK_BIN"), "server" },
  root_dir = vim.fn.getcwd(),
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
end
say("filetype " .. vim.bo.filetype)

wait_for("diagnostics", function()
  return #vim.diagnostic.get(bufnr) > 0
end)
show_diagnostics(bufnr)

-- The quick fix for the quotation mark, applied as `:lua vim.lsp.buf.code_action()` would.
local quote = vim.tbl_filter(function(d)
  return d.code == "quotes/mismatched-pair"
end, vim.diagnostic.get(bufnr))[1]
-- The `»` in UTF-16 units (the ship before it is two).
local position = { line = quote.lnum, character = 57 }
local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = position, ["end"] = position },
  context = { diagnostics = {}, only = { "quickfix" } },
}, 10000)
local actions = responses[client_id].result
for _, action in ipairs(actions) do
  say("action " .. action.title)
end
vim.lsp.util.apply_workspace_edit(actions[1].edit, "utf-16")
say("line 3 now: " .. vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1])
wait_for("the fixed diagnostics", function()
  return #vim.diagnostic.get(bufnr) == 1
end)
show_diagnostics(bufnr)

local hover = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = 4, character = 2 },
}, 10000)[client_id].result
say("hover " .. vim.split(hover.contents.value, "\n")[1])

vim.lsp.stop_client(client_id)
finish(0)
