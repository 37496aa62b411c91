use std::process::ExitCode;

fn main() -> ExitCode {
    match newsroom::cli::run(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages can quote paths and logins a user typed: never echo control codes.
            let text = newsroom::text::sanitize_line(&e.to_string()).text;
            let mut chars = text.chars();
            let sentence: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            eprintln!("{sentence}");
            ExitCode::FAILURE
        }
    }
}
