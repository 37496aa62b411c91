//! The command-line harness shared by the CLI test files: a private folder with a store,
//! the binary run in a fixed environment, and the checks every refusal must pass.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The OS login of whoever runs these tests, as far as the program can tell.
pub const ADMIN: &str = "bien.tap";
pub const REPORTER: &str = "lan.nguyen";
pub const EDITOR: &str = "huong.tran";

/// A private folder with (maybe) a store in it.
pub struct Sandbox {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Sandbox {
    pub fn empty() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("newsroom.db");
        Sandbox { dir, db }
    }

    /// A store filled by `newsroom demo`, run by ADMIN.
    pub fn demo() -> Sandbox {
        let sb = Sandbox::empty();
        let out = sb.run(ADMIN, &["demo"]);
        assert_ok(&out, "demo");
        sb
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary with a clean, fixed environment and no --db or --user.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsroom"));
        cmd.env_remove("NEWSROOM_DB")
            .env_remove("LC_ALL")
            .env_remove("NO_COLOR")
            .env("NEWSROOM_CONFIG", self.path("no-config.toml"))
            .env("USER", ADMIN)
            .env("LOGNAME", ADMIN)
            .env("LANG", "C.UTF-8")
            .env("HOME", self.dir.path())
            .current_dir(self.dir.path())
            .timeout(std::time::Duration::from_secs(60));
        cmd
    }

    /// `newsroom --db <store> --user <user> args…`.
    pub fn cmd(&self, user: &str, args: &[&str]) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(&self.db).arg("--user").arg(user).args(args);
        cmd
    }

    pub fn run(&self, user: &str, args: &[&str]) -> Output {
        self.cmd(user, args).output().expect("the binary runs")
    }

    /// Runs a command that must succeed and print JSON; returns it parsed.
    pub fn json(&self, user: &str, args: &[&str]) -> Value {
        let out = self.run(user, args);
        assert_ok(&out, &args.join(" "));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "`{}` printed something that is not JSON ({e}):\n{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    pub fn articles(&self) -> Vec<Value> {
        array(self.json(ADMIN, &["article", "list", "--all", "--json"]))
    }

    /// `article list --json` on another store file, e.g. a backup.
    pub fn articles_in(&self, db: &Path) -> Vec<Value> {
        let out = self
            .bare()
            .arg("--db")
            .arg(db)
            .args(["--user", ADMIN, "article", "list", "--all", "--json"])
            .output()
            .expect("the binary runs");
        assert_ok(&out, &format!("article list on {}", db.display()));
        array(serde_json::from_slice(&out.stdout).expect("JSON"))
    }

    pub fn users(&self) -> Vec<Value> {
        array(self.json(ADMIN, &["user", "list", "--json"]))
    }

    /// The store's bytes. The last connection to close checkpoints and removes the WAL, so
    /// between commands the main file holds everything.
    pub fn bytes(&self) -> Vec<u8> {
        bytes_of(&self.db)
    }

    pub fn article(&self, id: i64) -> Value {
        self.json(ADMIN, &["article", "show", &id.to_string(), "--json"])
    }

    pub fn comments(&self) -> Vec<Value> {
        array(self.json(EDITOR, &["comments", "list", "--json", "--limit", "100000"]))
    }

    /// `search WORDS… --json`, as the admin: the hits in order.
    pub fn search(&self, query: &[&str]) -> Vec<Value> {
        let mut args = vec!["search"];
        args.extend_from_slice(query);
        args.push("--json");
        let hits = array(self.json(ADMIN, &args));
        for hit in &hits {
            let obj = hit.as_object().expect("each hit is an object");
            for key in ["kind", "id", "title", "status", "at", "matched"] {
                assert!(obj.contains_key(key), "hit lacks {key:?}: {hit}");
            }
            assert!(
                hit["kind"] == "article" || hit["kind"] == "comment",
                "kind {}",
                hit["kind"]
            );
            assert!(hit["matched"].is_array(), "{hit}");
        }
        hits
    }
}

pub fn bytes_of(db: &Path) -> Vec<u8> {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    if let Ok(meta) = std::fs::metadata(&wal) {
        assert_eq!(
            meta.len(),
            0,
            "{} is still there with content: a connection was left open",
            wal.display()
        );
    }
    std::fs::read(db).unwrap_or_else(|e| panic!("cannot read {}: {e}", db.display()))
}

pub fn array(v: Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items,
        other => panic!("expected a JSON array, got {other}"),
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

pub fn assert_ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "`{what}` failed ({:?}):\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A refusal as the design promises it: non-zero exit, nothing on stdout, and exactly one
/// non-empty line on stderr. Returns that line.
pub fn assert_refused(out: &Output, what: &str) -> String {
    let err = stderr(out);
    assert!(
        !out.status.success(),
        "`{what}` should have failed but exited {:?}\nstdout: {}\nstderr: {err}",
        out.status,
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stdout.is_empty(),
        "`{what}` failed but printed on stdout: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines.len() == 1 && !lines[0].trim().is_empty() && err.ends_with('\n'),
        "`{what}` should say one line on stderr, said {err:?}"
    );
    lines[0].to_owned()
}

pub fn is_utc_stamp(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.ends_with('Z') && s.len() >= 20 && s.as_bytes()[4] == b'-' && s.as_bytes()[10] == b'T'
    })
}

pub fn ids(articles: &[Value]) -> BTreeSet<i64> {
    articles
        .iter()
        .map(|a| a["id"].as_i64().expect("an article id is a number"))
        .collect()
}

pub fn write_file(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

// ---------------------------------------------------------------------------------------
// init and demo
