//! The command line: parse, open the store as the right user, call the library, print.
//!
//! Owns: flags, output formats (plain text and `--json`), exit codes. May not touch: SQL,
//! the rules themselves (the domain and store check them).

mod admin;
mod articles;
mod bigdemo;
mod check;
mod comments;
mod decide;
mod deferred;
mod import;
mod output;
mod paging;
mod photos;
mod search;
mod serve;
mod session;
mod site;
mod tags;
mod upgrade_progress;
mod users;
mod workflow;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;
use crate::store::StoreError;
use deferred::Deferred;

/// A terminal newsroom editor: articles, schedules and the reader-comment queue.
///
/// Without a command, opens the TUI on the store.
#[derive(Debug, Parser)]
#[command(name = "newsroom", version, about, long_about = None)]
pub struct Cli {
    /// The store file (default: $NEWSROOM_DB, else the platform data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Act as this user (default: your OS login).
    #[arg(long, global = true, value_name = "LOGIN")]
    pub user: Option<String>,
    /// Language of the TUI: vi or en (default: from LANG).
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<Lang>,
    /// For SSH forced commands: only the TUI, nothing that reaches a shell or other files.
    #[arg(long)]
    pub restricted: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the store; you become its admin.
    Init,
    /// Fill the store with sample content (creating it if needed).
    Demo(Deferred<admin::DemoArgs>),
    /// Register and list users.
    #[command(subcommand)]
    User(Deferred<users::UserCommand>),
    /// Write, list and show articles.
    #[command(subcommand)]
    Article(Deferred<articles::ArticleCommand>),
    /// List, rename and merge tags.
    #[command(subcommand)]
    Tag(Deferred<tags::TagCommand>),
    /// Look at reader comments.
    #[command(subcommand)]
    Comments(Deferred<comments::CommentsCommand>),
    /// Show the audit log, newest first.
    Audit(Deferred<admin::AuditArgs>),
    /// Copy the store to a new file while it is in use.
    Backup(Deferred<admin::BackupArgs>),
    /// Accept reader comments over HTTP from the site's comment form.
    Serve(Deferred<serve::ServeArgs>),
    /// Search articles and comments, with or without accents.
    Search(Deferred<search::SearchArgs>),
    /// Scheduled publishing: run what is due, list what is coming.
    #[command(subcommand)]
    Schedule(Deferred<workflow::ScheduleCommand>),
    /// Check the whole store file; once it is sound again, allow writes again.
    Doctor(Deferred<admin::DoctorArgs>),
    /// The published site: static pages of the published articles.
    #[command(subcommand)]
    Site(Deferred<site::SiteCommand>),
    /// Check an article's or a file's spelling and house style; exit 1 when anything is found.
    Check(Deferred<check::CheckArgs>),
}

pub use check::CheckExit;
pub use output::sentence;

/// Runs the whole program; the error is one sentence for stderr (see [`sentence`]).
pub fn run(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<()> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return output::clap_error(e),
    };
    let ctx = session::Context::from_cli(&cli)?;
    let outcome = dispatch(&ctx, cli);
    if let Err(e) = &outcome
        && let Some(detail) = e.downcast_ref::<StoreError>().and_then(StoreError::damage_detail)
    {
        // SQLite met damage in the middle of the command: every later write is stopped.
        let _ = crate::store::mark_damaged(&ctx.db, &detail, ctx.now());
    }
    outcome
}

fn dispatch(ctx: &session::Context, cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        // The forced command's one exception; everything else SSH was asked is ignored.
        None if cli.restricted => match photos::ssh_command() {
            Some(crate::media::SshCommand::PhotoPut(name)) => photos::put(ctx, &name),
            Some(crate::media::SshCommand::BadPhotoPut) => photos::bad_put(),
            Some(crate::media::SshCommand::Ignored) | None => session::open_tui(ctx),
        },
        None => session::open_tui(ctx),
        Some(_) if cli.restricted => {
            anyhow::bail!("--restricted sessions only open the TUI: run the command without --restricted.")
        }
        Some(Command::Init) => admin::init(ctx),
        Some(Command::Demo(args)) => admin::demo(ctx, &args),
        Some(Command::User(Deferred(cmd))) => users::run(ctx, cmd),
        Some(Command::Article(Deferred(cmd))) => articles::run(ctx, cmd),
        Some(Command::Comments(Deferred(cmd))) => comments::run(ctx, cmd),
        Some(Command::Tag(Deferred(cmd))) => tags::run(ctx, cmd),
        Some(Command::Audit(args)) => admin::audit(ctx, &args),
        Some(Command::Backup(args)) => admin::backup(ctx, &args),
        Some(Command::Serve(args)) => serve::run(ctx, &args),
        Some(Command::Search(args)) => search::run(ctx, &args),
        Some(Command::Schedule(cmd)) => workflow::run_schedule(ctx, &cmd),
        Some(Command::Doctor(args)) => admin::doctor(ctx, &args),
        Some(Command::Site(cmd)) => site::run(ctx, &cmd),
        Some(Command::Check(args)) => check::run(ctx, &args),
    }
}
