//! `article photo add|set|remove` and the SSH verb `photo-put NAME`: photos into the media
//! library and onto articles, under the rules for the article's text.

use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::{Args, Subcommand};

use super::output::Out;
use super::session::Context;
use crate::domain::ArticleId;
use crate::media::{self, MediaError, PutName};
use crate::store::{AltText, PhotoChange};

#[derive(Debug, Subcommand)]
pub enum PhotoCommand {
    /// Copy an image (JPEG, PNG or WebP) into the media library and add it to the article.
    Add(AddArgs),
    /// Change photo N (from 1, as `article show` lists them).
    Set(SetArgs),
    /// Take photo N off the article (the image stays in the library).
    Remove {
        /// The article's id.
        id: ArticleId,
        /// Which photo, counting from 1 in the article's order.
        n: usize,
    },
}

#[derive(Debug, Args)]
pub struct Fields {
    /// The caption printed under the photo.
    #[arg(long)]
    caption: Option<String>,
    /// Who took it, e.g. "Ảnh: Minh Anh".
    #[arg(long)]
    credit: Option<String>,
    /// What the picture shows, for readers who cannot see it.
    #[arg(long, conflicts_with = "decorative")]
    alt: Option<String>,
    /// The picture adds nothing a screen reader should say.
    #[arg(long)]
    decorative: bool,
    /// Place it after this paragraph of the body (0: before the first).
    #[arg(long, value_name = "N")]
    after_paragraph: Option<u32>,
}

impl Fields {
    fn change(&self) -> PhotoChange {
        PhotoChange {
            caption: self.caption.clone(),
            credit: self.credit.clone(),
            alt: match (&self.alt, self.decorative) {
                (_, true) => Some(AltText::Decorative),
                (Some(alt), false) => Some(AltText::Alt(alt.clone())),
                (None, false) => None,
            },
            after_paragraph: self.after_paragraph,
            note: None,
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The article's id.
    id: ArticleId,
    /// The picture: JPEG, PNG or WebP, within [media] max_mb.
    file: PathBuf,
    #[command(flatten)]
    fields: Fields,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The article's id.
    id: ArticleId,
    /// Which photo, counting from 1 in the article's order.
    n: usize,
    #[command(flatten)]
    fields: Fields,
}

pub fn run(ctx: &Context, cmd: PhotoCommand) -> anyhow::Result<()> {
    match cmd {
        PhotoCommand::Add(args) => add(ctx, &args),
        PhotoCommand::Set(args) => {
            let (mut store, user) = ctx.open_as_user()?;
            store.change_photo(&user, args.id, args.n, &args.fields.change(), ctx.now())?;
            Out::new().line(&format!("Photo {} of article {} changed.", args.n, args.id))
        }
        PhotoCommand::Remove { id, n } => {
            let (mut store, user) = ctx.open_as_user()?;
            store.remove_photo(&user, id, n, ctx.now())?;
            Out::new().line(&format!("Photo {n} removed from article {id}."))
        }
    }
}

/// Checks everything that can be checked before the first byte lands in the library, so a
/// refusal copies nothing.
fn add(ctx: &Context, args: &AddArgs) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    store.check_photo_add(&user, args.id, args.fields.after_paragraph)?;
    // Read with the store open, so that naming the store itself is caught (files::open).
    let limit = ctx.config().media.max_bytes();
    let (bytes, info) = media::read_image(&args.file, limit).map_err(|e| refused(&args.file, &e, limit))?;
    let dir = media::dir_for(&ctx.db);
    let stored = media::store(&dir, &bytes, info).map_err(|e| refused(&args.file, &e, limit))?;
    let n = store.add_photo(&user, args.id, &stored, &args.fields.change(), ctx.now())?;
    // Scripts read the number to caption it later, as `article new` prints the id.
    Out::new().line(&n.to_string())
}

fn refused(path: &Path, e: &MediaError, limit: u64) -> anyhow::Error {
    anyhow::anyhow!(
        "Cannot add {} ({e}): give a JPEG, PNG or WebP image of at most {}.",
        path.display(),
        crate::files::size(limit)
    )
}

/// The forced command's one exception: an image on stdin into the person's inbox.
pub fn put(ctx: &Context, name: &PutName) -> anyhow::Result<()> {
    let (store, user) = ctx.open_as_user()?;
    drop(store);
    let limit = ctx.config().media.max_bytes();
    let dir = media::dir_for(&ctx.db);
    let login = user.login.as_str();
    let (_, info, bytes) = media::put_in_inbox(&dir, login, name, std::io::stdin().lock(), limit).map_err(|e| {
        anyhow::anyhow!(
            "Cannot take {} ({e}): send one JPEG, PNG or WebP image of at most {}, as `ssh … photo-put NAME.jpg < NAME.jpg`.",
            name.as_str(),
            crate::files::size(limit)
        )
    })?;
    Out::new().line(&format!(
        "Received {} ({}, {}×{}, {}): add it from your inbox in the editor's photo panel.",
        name.as_str(),
        info.format.name(),
        info.width,
        info.height,
        human(bytes)
    ))
}

/// The command SSH was asked to run, when this is a forced command's session.
pub fn ssh_command() -> Option<media::SshCommand> {
    let command = std::env::var_os("SSH_ORIGINAL_COMMAND")?;
    // Not UTF-8 is not `photo-put` either: ignored like any other command.
    Some(match command.to_str() {
        Some(c) => media::parse_ssh_command(c),
        None => media::SshCommand::Ignored,
    })
}

pub fn bad_put() -> anyhow::Result<()> {
    bail!(
        "photo-put takes exactly one plain file name (letters, digits, '.', '_', '-', '+'; not starting with '.' or '-'; at most {} characters): run `ssh … photo-put NAME.jpg < NAME.jpg`.",
        PutName::MAX_LEN
    )
}

fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}
