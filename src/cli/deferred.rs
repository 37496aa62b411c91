//! Each command's part of the clap tree is built only when the command line enters it.
//!
//! Building the whole tree (every group, command, option and help text) cost a listing
//! about a tenth of a millisecond and 56 page faults of its ~2.5 ms, for commands it never
//! runs. `Deferred<T>` hands clap a `Command::defer` instead of `T`'s arguments or
//! subcommands; clap runs it when it parses into that command, asks for its help, or
//! builds the whole tree (`Command::build`, as the help test does).

use std::ops::Deref;

use clap::{ArgMatches, Args, Command, Error, FromArgMatches, Subcommand};

/// `T`'s arguments or subcommands, added to its command when clap first needs them.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T> Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches(matches).map(Deferred)
    }
    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }
    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches(matches)
    }
    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Subcommand> Subcommand for Deferred<T> {
    fn augment_subcommands(cmd: Command) -> Command {
        cmd.defer(T::augment_subcommands)
    }
    fn augment_subcommands_for_update(cmd: Command) -> Command {
        cmd.defer(T::augment_subcommands_for_update)
    }
    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

impl<T: Args> Args for Deferred<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
    fn augment_args(cmd: Command) -> Command {
        cmd.defer(T::augment_args)
    }
    fn augment_args_for_update(cmd: Command) -> Command {
        cmd.defer(T::augment_args_for_update)
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use crate::cli::{Cli, Command};

    #[test]
    fn the_tree_holds_only_the_command_names_until_a_command_is_entered() {
        let tree = Cli::command();
        let comments = tree.find_subcommand("comments");
        assert!(comments.is_some_and(|c| c.get_subcommands().count() == 0));
        for command in tree.get_subcommands() {
            assert_eq!(command.get_arguments().count(), 0, "{}", command.get_name());
            assert!(command.get_about().is_some(), "{}", command.get_name());
        }
        let mut built = tree;
        built.build();
        let list = built
            .find_subcommand("comments")
            .and_then(|c| c.find_subcommand("list"));
        assert!(list.is_some_and(|l| l.get_arguments().any(|a| a.get_id() == "limit")));
    }

    #[test]
    fn a_deferred_command_parses_its_own_and_the_global_options() {
        let cli = Cli::try_parse_from([
            "newsroom",
            "comments",
            "list",
            "--limit",
            "5",
            "--db",
            "/tmp/x.db",
        ]);
        let cli = cli.map_err(|e| e.to_string());
        let cli = cli.as_ref();
        assert!(matches!(cli.map(|c| &c.command), Ok(Some(Command::Comments(_)))));
        assert_eq!(
            cli.ok().and_then(|c| c.db.as_deref()),
            Some(std::path::Path::new("/tmp/x.db"))
        );
        let wrong = Cli::try_parse_from(["newsroom", "comments", "list", "--limit", "many"]);
        assert!(wrong.is_err());
    }
}
