//! `newsroom serve`: the comment intake server, until Ctrl-C or SIGTERM.

use anyhow::Context as _;
use std::path::PathBuf;

use clap::Args;

use super::session::Context;
use crate::intake::{self, Options};
use crate::store::OpenMode;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (default: the config file's, else 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<String>,
    /// Accept comments without the image code (for sites that protect the form another way).
    #[arg(long)]
    pub no_captcha: bool,
    /// Also serve the site `site build` wrote to DIR, so pages, form and intake share one
    /// address (small sites; bigger ones put nginx in front).
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &ServeArgs) -> anyhow::Result<()> {
    let config = ctx.config();
    // Checked before binding, so a missing store is reported as such, not as a port problem.
    drop(ctx.open(OpenMode::MustExist)?);
    let listen = args.listen.as_deref().unwrap_or(&config.intake.listen);
    let listener = std::net::TcpListener::bind(listen).with_context(|| {
        format!(
            "Cannot listen on {listen}: choose a free address with --listen (for example 127.0.0.1:8080)."
        )
    })?;
    let options = Options {
        captcha: config.intake.captcha && !args.no_captcha,
        stop_on_signals: true,
        clock: ctx.clock(),
        site: args.site.clone(),
        ..Options::from_config(config)
    };
    let captcha = if options.captcha { "on" } else { "off" };
    let site = match &args.site {
        Some(dir) => format!(
            ", the site from {}",
            crate::text::sanitize_line(&dir.display().to_string()).text
        ),
        None => String::new(),
    };
    let server = intake::serve_on(listener, &ctx.db, options)?;
    println!(
        "Listening on http://{} (captcha {captcha}{site}); Ctrl-C stops.",
        server.addr()
    );
    server.wait()?;
    Ok(())
}
