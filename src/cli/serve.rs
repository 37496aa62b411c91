//! `newsroom serve`: the comment intake server.

use clap::Args;

use super::session::Context;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (default: the config file's, else 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<String>,
    /// Accept comments without the image code (for sites that protect the form another way).
    #[arg(long)]
    pub no_captcha: bool,
}

pub fn run(ctx: &Context, args: &ServeArgs) -> anyhow::Result<()> {
    let _ = (ctx, args);
    anyhow::bail!("The intake server is not built yet.")
}
