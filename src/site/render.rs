//! The templates: built into the binary from `assets/site/`, each replaceable by a file of
//! the same name in `[site] templates`. One minijinja environment, autoescape on for every
//! `.html` and `.xml` template, so reader text is escaped by the engine.

use std::path::{Path, PathBuf};

use minijinja::Environment;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The templates and files every site has, with their built-in text.
pub const BUILT_IN: [(&str, &str); 7] = [
    ("base.html", include_str!("../../assets/site/base.html")),
    ("article.html", include_str!("../../assets/site/article.html")),
    ("list.html", include_str!("../../assets/site/list.html")),
    ("redirect.html", include_str!("../../assets/site/redirect.html")),
    ("atom.xml", include_str!("../../assets/site/atom.xml")),
    ("style.css", include_str!("../../assets/site/style.css")),
    ("site.js", include_str!("../../assets/site/site.js")),
];

/// Copied to the site as they are, not rendered.
pub const STATIC_FILES: [&str; 2] = ["style.css", "site.js"];

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "Cannot read the template {path}: {error}; fix its permissions or remove it to use the built-in one."
    )]
    Read { path: PathBuf, error: std::io::Error },
    #[error(
        "The template {name} has a mistake: {detail}; fix it (or remove it from [site] templates) and build again."
    )]
    Broken { name: String, detail: String },
    #[error("The templates folder {path} cannot be read: {error}; check [site] templates.")]
    Folder { path: PathBuf, error: std::io::Error },
}

/// Every template compiled, the static files' bytes, and a digest of all of them: a page
/// rendered with other templates is a different page.
pub struct Templates {
    env: Environment<'static>,
    statics: Vec<(&'static str, Vec<u8>)>,
    digest: String,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("digest", &self.digest)
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// The built-in templates, with any file in `overrides` taking the place of its namesake.
    pub fn load(overrides: Option<&Path>) -> Result<Templates, TemplateError> {
        if let Some(dir) = overrides
            && let Err(error) = std::fs::read_dir(dir)
        {
            return Err(TemplateError::Folder {
                path: dir.to_owned(),
                error,
            });
        }
        let mut env = Environment::new();
        let mut statics = Vec::new();
        let mut hasher = Sha256::new();
        for (name, built_in) in BUILT_IN {
            let text = match overrides.map(|d| d.join(name)) {
                Some(path) if path.exists() => {
                    std::fs::read_to_string(&path).map_err(|error| TemplateError::Read { path, error })?
                }
                _ => built_in.to_owned(),
            };
            hasher.update(name.as_bytes());
            hasher.update((text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
            if STATIC_FILES.contains(&name) {
                statics.push((name, text.into_bytes()));
            } else {
                env.add_template_owned(name, text).map_err(|e| broken(name, &e))?;
            }
        }
        Ok(Templates {
            env,
            statics,
            digest: hex(&hasher.finalize()),
        })
    }

    pub fn digest(&self) -> &str {
        &self.digest
    }

    pub fn statics(&self) -> &[(&'static str, Vec<u8>)] {
        &self.statics
    }

    pub fn render<C: Serialize>(&self, name: &str, context: &C) -> Result<String, TemplateError> {
        let template = self.env.get_template(name).map_err(|e| broken(name, &e))?;
        let context = serde_json::to_value(context).map_err(|e| TemplateError::Broken {
            name: name.to_owned(),
            detail: e.to_string(),
        })?;
        template.render(value(context)).map_err(|e| broken(name, &e))
    }
}

/// A page's values as the engine holds them (the crate is built without its serde support).
fn value(v: serde_json::Value) -> minijinja::Value {
    use minijinja::Value;
    use serde_json::Value as J;
    match v {
        J::Null => Value::from(()),
        J::Bool(b) => Value::from(b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i),
            None => Value::from(n.as_f64().unwrap_or_default()),
        },
        J::String(s) => Value::from(s),
        J::Array(items) => items.into_iter().map(value).collect(),
        J::Object(map) => Value::from(
            map.into_iter()
                .map(|(k, v)| (k, value(v)))
                .collect::<std::collections::BTreeMap<String, Value>>(),
        ),
    }
}

fn broken(name: &str, e: &minijinja::Error) -> TemplateError {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(&format!(": {s}"));
        source = s.source();
    }
    TemplateError::Broken {
        name: name.to_owned(),
        detail,
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
