use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{Listing, Out};
use super::session::Context;
use crate::domain::{KeyError, Login, NewUser, PublicKey, Role};
use crate::files;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Register a user (admins only); with --ssh-key, print their authorized_keys line.
    Add(AddArgs),
    /// List users in login order.
    List {
        /// Print JSON instead of text (the field names are stable for scripts).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Lowercase letters, digits, '.', '_' or '-'.
    login: String,
    /// What they may do: reporter, editor or admin.
    #[arg(long, value_name = "reporter|editor|admin")]
    role: String,
    /// Display name, e.g. "Nguyễn Thị Lan" (default: the login).
    #[arg(long)]
    name: Option<String>,
    /// A public key file (e.g. id_ed25519.pub) for SSH access to a shared account.
    #[arg(long, value_name = "FILE")]
    ssh_key: Option<PathBuf>,
}

#[derive(Serialize)]
struct UserJson<'a> {
    login: &'a str,
    display_name: &'a str,
    role: Role,
    active: bool,
}

pub fn run(ctx: &Context, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add(args) => add(ctx, &args),
        UserCommand::List { json } => list(ctx, json),
    }
}

fn add(ctx: &Context, args: &AddArgs) -> anyhow::Result<()> {
    let login = Login::parse(&args.login)?;
    let role: Role = args.role.parse()?;
    // Read and check the keys before anything is written.
    let keys = match args.ssh_key.as_deref() {
        Some(path) => read_public_keys(path)?,
        None => Vec::new(),
    };
    let (mut store, actor) = ctx.open_as_user()?;
    for (i, key) in keys.iter().enumerate() {
        if let Some(owner) = store.ssh_key_owner(&key.to_string())? {
            let which = if keys.len() > 1 {
                format!("Key {} of {}", i + 1, keys.len())
            } else {
                "The key".to_owned()
            };
            bail!(
                "{which} in {} is already registered to {owner}: each person needs their own key, so ask {login} for theirs.",
                display(args.ssh_key.as_deref()),
            );
        }
    }
    let new = NewUser {
        display_name: args.name.clone().unwrap_or_else(|| login.to_string()),
        login,
        role,
    };
    let lines: Vec<String> = keys.iter().map(ToString::to_string).collect();
    let user = store.add_user_with_keys(&actor, &new, &lines, ctx.now())?;
    let mut out = Out::new();
    out.line(user.login.as_str())?;
    for key in &lines {
        out.line(&authorized_keys_line(&ctx.db, &user.login, key)?)?;
    }
    Ok(())
}

fn display(path: Option<&Path>) -> String {
    path.map(|p| p.display().to_string()).unwrap_or_default()
}

/// Every key in the file (a person may have one per machine); any line that is not a
/// public key refuses the whole file before it reaches sshd.
fn read_public_keys(path: &Path) -> anyhow::Result<Vec<PublicKey>> {
    let limit = files::SSH_KEY_LIMIT;
    let text = files::read_text_capped(path, limit).map_err(|e| {
        anyhow::anyhow!(
            "Cannot use the key file {} ({e}): pass the .pub file, e.g. ~/.ssh/id_ed25519.pub, of at most {}.",
            path.display(),
            files::size(limit)
        )
    })?;
    let keys = PublicKey::parse_all(&text).map_err(|(line, e)| match e {
        KeyError::Private => anyhow::anyhow!(
            "The file {} is a private key, which must never leave its owner's machine: pass the .pub file beside it, e.g. ~/.ssh/id_ed25519.pub.",
            path.display()
        ),
        e => anyhow::anyhow!(
            "Line {line} of {} is not an SSH public key ({e}): pass the .pub file as ssh-keygen wrote it, e.g. ~/.ssh/id_ed25519.pub.",
            path.display()
        ),
    })?;
    if keys.is_empty() {
        bail!(
            "The file {} holds no SSH public key: pass the .pub file, e.g. ~/.ssh/id_ed25519.pub.",
            path.display()
        );
    }
    Ok(keys)
}

/// `restrict` blocks forwarding, `pty` gives the TUI its terminal, and the forced command
/// fixes who the key belongs to.
fn authorized_keys_line(db: &Path, login: &Login, key: &str) -> anyhow::Result<String> {
    let exe = std::env::current_exe().context("Cannot find the newsroom program's own path.")?;
    let exe = shell_word(&exe)?;
    let db = shell_word(&std::path::absolute(db)?)?;
    Ok(format!(
        "restrict,pty,command=\"{exe} --db {db} --user {login} --restricted\" {key}"
    ))
}

/// A path as one shell word inside a double-quoted authorized_keys option.
fn shell_word(path: &Path) -> anyhow::Result<String> {
    let s = path.to_str().context("Paths for SSH keys must be valid UTF-8.")?;
    if s.chars()
        .any(|c| matches!(c, '"' | '\'' | '\\' | '\n') || c.is_control())
    {
        bail!(
            "The path {s:?} has quotes or control characters that cannot go into an SSH key line: move the store or the program."
        );
    }
    let plain = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ':' | '@'));
    Ok(if plain { s.to_owned() } else { format!("'{s}'") })
}

fn list(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let (store, _actor) = ctx.read_as_user()?;
    let mut after: Option<String> = None;
    let mut listing = Listing::new(json)?;
    loop {
        let page = store.users_page(after.as_deref(), 200)?;
        let Some(last) = page.last() else { break };
        after = Some(last.login.to_string());
        for u in &page {
            let json = UserJson {
                login: u.login.as_str(),
                display_name: &u.display_name,
                role: u.role,
                active: u.active,
            };
            listing.item(&json, || {
                let name = crate::text::sanitize_line(&u.display_name).text;
                let state = if u.active { "" } else { "  (inactive)" };
                format!("{:<20} {:<9} {name}{state}", u.login.as_str(), u.role.as_str())
            })?;
        }
    }
    listing.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_forced_and_restricted() {
        let login = Login::parse("lan.nguyen").unwrap();
        let line =
            authorized_keys_line(Path::new("/srv/news/newsroom.db"), &login, "ssh-ed25519 AAAAC3Nz").unwrap();
        assert!(line.starts_with("restrict,pty,command=\""), "{line}");
        assert!(
            line.contains(
                " --db /srv/news/newsroom.db --user lan.nguyen --restricted\" ssh-ed25519 AAAAC3Nz"
            ),
            "{line}"
        );
    }

    #[test]
    fn odd_paths_are_quoted_or_refused() {
        assert_eq!(
            shell_word(Path::new("/srv/tòa soạn/x.db")).unwrap(),
            "'/srv/tòa soạn/x.db'"
        );
        assert!(shell_word(Path::new("/srv/a\"b")).is_err());
        assert!(shell_word(Path::new("/srv/a'b")).is_err());
    }

    #[test]
    fn only_public_keys_are_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("k.pub");
        let blob = crate::domain::ssh_key_blob_for_tests("ssh-ed25519", &[&[7; 32]]);
        std::fs::write(&good, format!("ssh-ed25519 {blob} lan@laptop\n")).unwrap();
        let keys = read_public_keys(&good).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].to_string(), format!("ssh-ed25519 {blob}"));
        let bad = dir.path().join("k");
        std::fs::write(&bad, "-----BEGIN OPENSSH PRIVATE KEY-----\n").unwrap();
        assert!(read_public_keys(&bad).is_err());
        std::fs::write(&bad, "ssh-ed25519 AAAA\"; rm -rf ~\n").unwrap();
        assert!(read_public_keys(&bad).is_err());
        std::fs::write(&bad, "# only a comment\n").unwrap();
        assert!(read_public_keys(&bad).is_err());
    }
}
