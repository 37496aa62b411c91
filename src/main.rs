use std::process::ExitCode;

fn main() -> ExitCode {
    match newsroom::cli::run(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", newsroom::cli::sentence(&e));
            ExitCode::FAILURE
        }
    }
}
