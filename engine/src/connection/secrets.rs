//! `secrets.toml`: credentials kept out of the code, read once per process.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use parking_lot::RwLock;

/// Why a secret could not be read. No variant holds a secret's value: a
/// message names keys and files only.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecretsError {
    /// No secret has this key.
    #[error(
        "secrets.toml has no key \"{key}\". Add it to .brook/secrets.toml in the app's folder \
         or to secrets.toml in brook's config folder ({looked_in})"
    )]
    Missing {
        /// The dotted key asked for.
        key: String,
        /// The files read (or looked for).
        looked_in: String,
    },
    /// The secret is not of the type asked for.
    #[error("the secret \"{key}\" is {found}, which cannot be read as a `{wanted}`")]
    WrongType {
        /// The dotted key.
        key: String,
        /// What TOML holds there ("a string", "a table", ...).
        found: &'static str,
        /// The Rust type asked for.
        wanted: &'static str,
    },
    /// A secrets file exists but cannot be read as text (a folder, no
    /// permission, bytes that are not UTF-8).
    #[error("{path} cannot be read: {message}; fix it and restart the app")]
    CannotRead {
        /// The file.
        path: String,
        /// What the system said.
        message: String,
    },
    /// A secrets file is not valid TOML.
    #[error("{path} is not valid TOML: {message} (line {line}); fix it and restart the app")]
    Unreadable {
        /// The file.
        path: String,
        /// What the TOML parser said, without the line's text.
        message: String,
        /// The line of the mistake (1-based).
        line: usize,
    },
}

/// The app's secrets: the keys and values of `secrets.toml`, as
/// Streamlit's `st.secrets`.
///
/// brook reads `.brook/secrets.toml` in the app's folder (the working
/// directory), Streamlit's `.streamlit/secrets.toml` there, and
/// `secrets.toml` in brook's config folder
/// (`~/.config/brook/secrets.toml` on Linux) once, the first time a script
/// asks; a key in several takes the value of the first of `.brook`,
/// `.streamlit`, the config folder. Connections read
/// their settings from `[connections.<name>]` tables.
///
/// `Debug` lists the keys, never a value, and no error names a value.
///
/// ```
/// use brook_engine::connection::Secrets;
/// let secrets = Secrets::from_toml("[db]\nurl = \"sqlite://app.db\"\npool = 4\n").unwrap();
/// assert_eq!(secrets.get::<String>("db.url").unwrap(), "sqlite://app.db");
/// assert_eq!(secrets.get::<u32>("db.pool").unwrap(), 4);
/// assert!(!format!("{secrets:?}").contains("app.db"));
/// ```
#[derive(Clone, Default)]
pub struct Secrets {
    table: toml::Table,
    files: Vec<PathBuf>,
    problem: Option<SecretsError>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("keys", &self.keys())
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

impl Secrets {
    /// Secrets from TOML text.
    ///
    /// # Errors
    /// [`SecretsError::Unreadable`] when the text is not TOML (the message
    /// gives the line, not its text).
    pub fn from_toml(text: &str) -> Result<Self, SecretsError> {
        let table = parse(text, "the secrets text")?;
        Ok(Self {
            table,
            files: Vec::new(),
            problem: None,
        })
    }

    /// Secrets read from `files` in order, a later file's key winning over
    /// an earlier one's; a file that does not exist is skipped.
    ///
    /// # Errors
    /// [`SecretsError::CannotRead`] naming the first file that exists but
    /// cannot be read as text, [`SecretsError::Unreadable`] naming the
    /// first that is not TOML.
    pub fn read(files: &[PathBuf]) -> Result<Self, SecretsError> {
        let mut table = toml::Table::new();
        for path in files {
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
                Err(error) => {
                    return Err(SecretsError::CannotRead {
                        path: path.display().to_string(),
                        message: error.to_string(),
                    });
                }
            };
            merge(&mut table, parse(&text, &path.display().to_string())?);
        }
        Ok(Self {
            table,
            files: files.to_vec(),
            problem: None,
        })
    }

    /// The files brook reads by default, lowest priority first: brook's
    /// config folder, then Streamlit's `.streamlit/secrets.toml` in the
    /// working directory (an app moved from Streamlit keeps its file),
    /// then `.brook/secrets.toml` there.
    pub fn default_files() -> Vec<PathBuf> {
        let mut files = Vec::new();
        if let Some(dirs) = directories::BaseDirs::new() {
            files.push(dirs.config_dir().join("brook").join("secrets.toml"));
        }
        files.push(Path::new(".streamlit").join("secrets.toml"));
        files.push(Path::new(".brook").join("secrets.toml"));
        files
    }

    /// The value at a dotted key (`"connections.orders.url"`), as any
    /// `Deserialize` type: `String`, numbers, `bool`, a struct of a table.
    ///
    /// # Errors
    /// [`SecretsError::Missing`] when no secret has the key (or the files
    /// could not be read: then that error), [`SecretsError::WrongType`]
    /// when it does not fit `T`.
    pub fn get<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<T, SecretsError> {
        let Some(value) = self.value(key) else {
            if let Some(problem) = &self.problem {
                return Err(problem.clone());
            }
            return Err(SecretsError::Missing {
                key: key.to_owned(),
                looked_in: self.looked_in(),
            });
        };
        // serde's message quotes the value: only its kind is said.
        value
            .clone()
            .try_into()
            .map_err(|_: toml::de::Error| SecretsError::WrongType {
                key: key.to_owned(),
                found: kind(value),
                wanted: std::any::type_name::<T>(),
            })
    }

    /// Whether a dotted key has a value.
    pub fn contains(&self, key: &str) -> bool {
        self.value(key).is_some()
    }

    /// Every key, dotted, leaves only (`connections.orders.url`), sorted.
    pub fn keys(&self) -> Vec<String> {
        fn walk(prefix: &str, table: &toml::Table, out: &mut Vec<String>) {
            for (key, value) in table {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                match value {
                    toml::Value::Table(inner) => walk(&path, inner, out),
                    _ => out.push(path),
                }
            }
        }
        let mut out = Vec::new();
        walk("", &self.table, &mut out);
        out.sort();
        out
    }

    pub(crate) fn value(&self, key: &str) -> Option<&toml::Value> {
        let mut parts = key.split('.');
        let mut value = self.table.get(parts.next()?)?;
        for part in parts {
            value = value.as_table()?.get(part)?;
        }
        Some(value)
    }

    pub(crate) fn looked_in(&self) -> String {
        if self.files.is_empty() {
            return "no file: the secrets were set by the app".to_owned();
        }
        let names: Vec<String> = self.files.iter().map(|p| p.display().to_string()).collect();
        format!("looked in {}", names.join(", "))
    }
}

fn parse(text: &str, path: &str) -> Result<toml::Table, SecretsError> {
    text.parse::<toml::Table>().map_err(|error| {
        // The parser's Display quotes the line, which may hold a secret:
        // only its message and line number are kept.
        let line = error.span().map_or(0, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        });
        SecretsError::Unreadable {
            path: path.to_owned(),
            message: error.message().to_owned(),
            line,
        }
    })
}

/// Adds `other` into `base`, tables merged key by key, `other` winning.
fn merge(base: &mut toml::Table, other: toml::Table) {
    for (key, value) in other {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => merge(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date-time",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

static SECRETS: RwLock<Option<Arc<Secrets>>> = RwLock::new(None);

/// The secrets were read from [`Secrets::default_files`] (not set by the
/// app with [`set_secrets`]).
static FROM_FILES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The process's secrets: read from [`Secrets::default_files`] on first
/// use, then kept (`st.secrets()` returns the same). A file that cannot be
/// read or is not TOML is logged once and makes every `get` return that
/// error; the file is left as it is.
pub fn secrets() -> Arc<Secrets> {
    if let Some(secrets) = SECRETS.read().as_ref() {
        return Arc::clone(secrets);
    }
    let mut slot = SECRETS.write();
    if let Some(secrets) = slot.as_ref() {
        return Arc::clone(secrets);
    }
    let files = Secrets::default_files();
    let secrets = Secrets::read(&files).unwrap_or_else(|error| {
        log::error!("{error}");
        Secrets {
            table: toml::Table::new(),
            files,
            problem: Some(error),
        }
    });
    let secrets = Arc::new(secrets);
    *slot = Some(Arc::clone(&secrets));
    FROM_FILES.store(true, std::sync::atomic::Ordering::Release);
    secrets
}

/// Reads the secrets files again on next use (the window's "Clear
/// caches" does this, so a fixed `secrets.toml` is read without a
/// restart). Secrets the app set with [`set_secrets`] are kept.
pub fn reload_secrets() {
    let mut slot = SECRETS.write();
    if FROM_FILES.swap(false, std::sync::atomic::Ordering::AcqRel) {
        *slot = None;
    }
}

/// Replaces the process's secrets (read from another place, or a test's
/// own). Connections made after this read their settings from `secrets`;
/// ones made already keep theirs until released.
pub fn set_secrets(secrets: Secrets) {
    let mut slot = SECRETS.write();
    FROM_FILES.store(false, std::sync::atomic::Ordering::Release);
    *slot = Some(Arc::new(secrets));
}
