-- A session of `cspplan lsp` in Neovim's own LSP client (0.7 or later), run headless by
-- tests/test_lsp_neovim.py: open a theme file, break an indicator id, read the diagnostic,
-- ask for completion and hover, undo the edit. Prints one line per step for the test.
local bin, file, root = os.getenv("CSPPLAN"), os.getenv("PLANFILE"), os.getenv("ROOT")
local function say(...) io.stdout:write(string.format(...) .. "\n") end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "cspplan", cmd = { bin, "lsp" }, root_dir = root })
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)
vim.wait(20000, function() return client.initialized end, 20)
say("initialized %s", tostring(client.initialized))
vim.wait(3000, function() return false end, 100) -- the first check of the partnership
say("on opening %d", #vim.diagnostic.get(buf))

local row, lead, original
for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  lead = line:match("^(%s*%-? *indicator: )%S+")
  if lead then row, original = i - 1, line break end
end

local started = vim.loop.hrtime()
vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { lead .. "asb-incidnets" })
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 5)
say("edit took %.0f ms", (vim.loop.hrtime() - started) / 1e6)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  say("diagnostic %d:%d %s %s", d.lnum + 1, d.col + 1, tostring(d.code), d.message)
end

vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { lead .. "asb" })
local at = { line = row, character = #lead + 3 }
local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = at }
for _, response in pairs(vim.lsp.buf_request_sync(buf, "textDocument/completion", params, 20000) or {}) do
  local items = response.result and (response.result.items or response.result) or {}
  for _, item in ipairs(items) do say("completion %s", item.label) end
end

vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { original })
params.position = { line = row, character = #lead + 1 }
for _, response in pairs(vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 20000) or {}) do
  local contents = response.result and response.result.contents or {}
  say("hover %s", (contents.value or ""):gsub("\n", " "))
end
vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 5)
say("after undoing %d", #vim.diagnostic.get(buf))
vim.lsp.stop_client(id)
vim.cmd("qa!")
