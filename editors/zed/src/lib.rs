//! The Zed extension for copydesk: it tells Zed how to start `copydesk server` for Markdown and
//! HTML. The binary is the one the `lsp.copydesk.binary.path` setting names, else `copydesk` on
//! the PATH of the worktree's shell; nothing is downloaded.

use zed_extension_api::{self as zed, settings::LspSettings};

struct Copydesk;

impl zed::Extension for Copydesk {
    fn new() -> Self {
        Copydesk
    }

    fn language_server_command(
        &mut self,
        server: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let binary = LspSettings::for_worktree(server.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let command = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("copydesk"))
            .ok_or("copydesk is not on PATH: install it (`cargo install --locked --path .` in its repository) or set lsp.copydesk.binary.path")?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["server".to_string()]);
        Ok(zed::Command {
            command,
            args,
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(Copydesk);
