use std::process::ExitCode;

fn main() -> ExitCode {
    match newsroom::cli::run(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => match e.downcast_ref::<newsroom::cli::CheckExit>() {
            // `check` tells findings (1) from failure (2) for scripts.
            Some(exit) => {
                if let newsroom::cli::CheckExit::Failed(sentence) = exit {
                    eprintln!("{sentence}");
                }
                ExitCode::from(exit.code())
            }
            None => {
                eprintln!("{}", newsroom::cli::sentence(&e));
                ExitCode::FAILURE
            }
        },
    }
}
