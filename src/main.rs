use std::process::ExitCode;

fn main() -> ExitCode {
    match newsroom::cli::run(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages can quote paths and logins a user typed: never echo control codes.
            eprintln!("{}", newsroom::text::sanitize_line(&e.to_string()).text);
            ExitCode::FAILURE
        }
    }
}
