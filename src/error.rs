//! The crate's one error type.
//!
//! [`Error`] is opaque: callers match on [`Error::kind`] and read the message
//! (which names the file, label, line or language involved) through `Display`.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, for callers that need to branch on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read (missing, unreadable).
    Io,
    /// A model directory is malformed: bad `config.json`, unknown architecture,
    /// missing or mis-shaped weights, labels that do not fit the head.
    Model,
    /// `tokenizer.json` is unreadable or does not fit the model's vocabulary.
    Tokenizer,
    /// A label in `id2label` does not belong to a known tagging scheme.
    Labels,
    /// A language data file is malformed.
    LanguageData,
    /// The input was refused (for example it exceeds the configured size limit).
    Input,
    /// The tensor backend failed while running the model.
    Backend,
    /// Downloading a model from the Hugging Face hub failed.
    Hub,
    /// Serialising results failed.
    Serialize,
    /// A configuration value given to a builder is invalid.
    Config,
    /// The knowledge-graph store (SQLite) could not be opened, read or written.
    Store,
}

impl ErrorKind {
    /// The kind as a lower-case word (`io`, `model`, `input`, …), as written
    /// in the error records of [`corpus`](crate::corpus) output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Model => "model",
            ErrorKind::Tokenizer => "tokenizer",
            ErrorKind::Labels => "labels",
            ErrorKind::LanguageData => "language_data",
            ErrorKind::Input => "input",
            ErrorKind::Backend => "backend",
            ErrorKind::Hub => "hub",
            ErrorKind::Serialize => "serialize",
            ErrorKind::Config => "config",
            ErrorKind::Store => "store",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned by every fallible function in this crate.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    path: Option<PathBuf>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// A new error of `kind` with a human-readable message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), path: None, source: None }
    }

    /// Attach the file the error is about.
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Attach the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(crate) fn io(path: &Path, err: std::io::Error) -> Self {
        Error::new(ErrorKind::Io, format!("cannot read {}: {err}", path.display()))
            .with_path(path)
            .with_source(err)
    }

    pub(crate) fn write(path: &Path, err: std::io::Error) -> Self {
        Error::new(ErrorKind::Io, format!("cannot write {}: {err}", path.display()))
            .with_path(path)
            .with_source(err)
    }

    pub(crate) fn store(context: &str, err: rusqlite::Error) -> Self {
        Error::new(ErrorKind::Store, format!("{context}: {err}")).with_source(err)
    }

    pub(crate) fn backend(context: &str, err: candle_core::Error) -> Self {
        Error::new(ErrorKind::Backend, format!("{context}: {err}")).with_source(err)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(path) = &self.path {
            if !self.message.contains(&*path.to_string_lossy()) {
                write!(f, " ({})", path.display())?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
