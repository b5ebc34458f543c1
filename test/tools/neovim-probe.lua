-- Run by neovim.test.ts after the README's snippet: waits for dealcheck's diagnostics in the
-- current buffer, asks for a hover on the first one, applies its preferred code action, and
-- writes what it saw to $DEALCHECK_PROBE_OUT as JSON. Uses only APIs Neovim 0.7 has.
local out = {}
local buf = vim.api.nvim_get_current_buf()
out.filetype = vim.bo.filetype
out.waited = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local d = vim.diagnostic.get(buf)[1]
if not d then
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('DEALCHECK_PROBE_OUT'))
  vim.cmd('cq')
end
out.diagnostic = d and { lnum = d.lnum, col = d.col, message = d.message, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) } or nil
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = d.lnum, character = d.col } }
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 5000)
for _, r in pairs(hover or {}) do if r.result then out.hover = r.result.contents.value or r.result.contents end end
local ca = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', { textDocument = params.textDocument, range = { start = params.position, ['end'] = params.position }, context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum) } }, 5000)
for _, r in pairs(ca or {}) do
  for _, a in ipairs(r.result or {}) do
    out.titles = out.titles or {}
    table.insert(out.titles, a.title)
    if a.isPreferred and not out.applied then
      vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
      out.applied = a.title
    end
  end
end
out.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('DEALCHECK_PROBE_OUT'))
vim.cmd('qa!')
