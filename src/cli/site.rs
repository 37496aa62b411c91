//! `site build`: the published site, written to a folder (see the README's "The published
//! site").

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::output::{self, Out};
use super::session::Context;
use crate::site::{self, Report, SiteError};
use crate::store::OpenMode;

#[derive(Debug, Subcommand)]
pub enum SiteCommand {
    /// Write the published articles as a static site; only changed pages are rewritten.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder (default: `out` under [site] in the config file).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Also list every file written.
    #[arg(short, long)]
    verbose: bool,
    /// Print what was done as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, cmd: &SiteCommand) -> anyhow::Result<()> {
    match cmd {
        SiteCommand::Build(args) => build(ctx, args),
    }
}

fn build(ctx: &Context, args: &BuildArgs) -> anyhow::Result<()> {
    let config = ctx.config();
    let out = args
        .out
        .clone()
        .or_else(|| config.site.out.clone())
        .ok_or(SiteError::NoOut)?;
    let store = ctx.open(OpenMode::MustExist)?;
    let media = crate::media::dir_for(&ctx.db);
    let zone = ctx.zone();
    let report = site::build(
        &store,
        site::Options {
            out: &out,
            site: &config.site,
            zone: &zone,
            media: &media,
        },
    )?;
    warn_missing(&report, &media);
    let mut o = Out::new();
    if args.json {
        return o.line(&output::json(&report)?);
    }
    if args.verbose {
        for path in &report.written.written {
            o.line(&format!("wrote {path}"))?;
        }
    }
    o.line(&summary(&report, &out))
}

/// One line: what the site holds and what this build changed.
pub fn summary(r: &Report, out: &std::path::Path) -> String {
    format!(
        "Built the site in {}: {} articles, {} list pages, {} tags, {} redirects, {} photos; wrote {} files, kept {}, removed {}.",
        out.display(),
        r.articles,
        r.list_pages,
        r.tags,
        r.redirects,
        r.photos,
        r.written.written.len(),
        r.written.kept,
        r.written.removed
    )
}

fn warn_missing(r: &Report, media: &std::path::Path) {
    if let Some(first) = r.missing_photos.first() {
        eprintln!(
            "{} photo files are not in the media folder {} (first: {first}); their captions show without a picture: add the files and build again.",
            r.missing_photos.len(),
            media.display()
        );
    }
}
