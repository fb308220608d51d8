//! A persistent knowledge graph merged over many documents, in SQLite.
//!
//! [`Store::open`] creates or opens a database file; [`Store::ingest`] adds
//! one document's [`Extraction`]: its people (merged with the people of
//! earlier documents by a normalised full name, see [`person_key`]), their
//! posts and agencies, the meetings between them and what they discussed.
//! [`Store::to_graph`] reads everything back as one [`Graph`] for the
//! exporters (JSON-LD, N-Triples, GraphML, DOT), [`Store::to_neo4j_csv`]
//! writes `neo4j-admin database import` files, [`Store::report`] an HTML
//! archive (an index of people, agencies, meetings and documents, and one
//! page per document, from the text and extraction each document keeps).
//!
//! Ingesting is incremental: a document whose content hash is already stored
//! is skipped; a document whose text changed has its facts replaced. Every
//! fact row keeps its document id, its evidence text and that text's
//! code-point span. The schema, the identity rule and example queries are in
//! `docs/store.md`.
//!
//! ```
//! use rolegraph::store::Store;
//!
//! let text = "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington.";
//! let found = rolegraph::extract(text)?;
//! let mut store = Store::open_in_memory()?;
//! let first = store.ingest("doc-1", text, &found)?;
//! assert!(!first.unchanged);
//! assert!(store.ingest("doc-1", text, &found)?.unchanged);
//! let graph = store.to_graph()?;
//! assert!(graph.nodes.iter().any(|n| n.label == "Ralph Goodale"));
//! # Ok::<(), rolegraph::Error>(())
//! ```

mod archive;
mod export;
mod identity;
mod ingest;
mod record;
mod schema;

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, ErrorKind, Result};
use crate::extractor::Extraction;
use crate::graph::Graph;

pub use archive::ArchiveStats;
pub use identity::{name_tokens, person_key};
pub use ingest::text_hash;
pub use record::{is_extracted_file, parse_extracted};
pub use schema::VERSION as SCHEMA_VERSION;

/// A knowledge-graph store: one SQLite database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// One document as given to [`Store::ingest_document`].
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// The document id (primary key of `documents`).
    pub id: &'a str,
    /// The text, stored for the pages of [`Store::report`]; `None` for an
    /// already-extracted record, whose content hash is then (unless `hash`
    /// is given) the hash of its entities and relations.
    pub text: Option<&'a str>,
    /// The document date, as written.
    pub date: Option<&'a str>,
    /// The content hash when already computed (by [`text_hash`], on the
    /// reading thread of a corpus run); `None`: computed from `text`.
    pub hash: Option<&'a str>,
}

/// What one [`Store::ingest`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// The same content was already stored: nothing was written.
    pub unchanged: bool,
    /// The document was stored before with another content; its old facts
    /// were removed.
    pub replaced: bool,
    /// People of the document (new or merged).
    pub people: u64,
    /// Of those, people not known before.
    pub new_people: u64,
    /// Mention rows written.
    pub mentions: u64,
    /// Post rows written.
    pub posts: u64,
    /// Meeting (pair) rows written.
    pub meetings: u64,
    /// Discussion (topic) rows written.
    pub discussions: u64,
}

impl Store {
    /// Opens the store at `path`, creating the file and its tables when it
    /// does not exist. A database of another schema version is refused.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let conn = Connection::open(path).map_err(|e| {
            Error::store(&format!("cannot open store {}", path.display()), e).with_path(path)
        })?;
        Store::init(conn).map_err(|e| e.with_path(path))
    }

    /// A store in memory (for tests and one-off conversions).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()
            .map_err(|e| Error::store("cannot open an in-memory store", e))?;
        Store::init(conn)
    }

    fn init(conn: Connection) -> Result<Store> {
        let ctx = "initialising the store";
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .map_err(|e| Error::store(ctx, e))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| Error::store(ctx, e))?;
        match version {
            0 => {
                let tables: i64 = conn
                    .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                    .map_err(|e| Error::store(ctx, e))?;
                if tables > 0 {
                    return Err(Error::new(
                        ErrorKind::Store,
                        "the file is an SQLite database but not a rolegraph store",
                    ));
                }
                let create = format!(
                    "BEGIN; {} PRAGMA user_version = {}; COMMIT;",
                    schema::CREATE,
                    schema::VERSION
                );
                conn.execute_batch(&create).map_err(|e| Error::store("creating the tables", e))?;
            }
            schema::VERSION => {}
            v if v < schema::VERSION => {
                return Err(Error::new(
                    ErrorKind::Store,
                    format!(
                        "store schema version {v} was written by an older rolegraph; this build \
                         reads version {} (which also keeps each document's text and extraction, \
                         for `rolegraph report`): ingest the documents again into a new store",
                        schema::VERSION
                    ),
                ))
            }
            v => {
                return Err(Error::new(
                    ErrorKind::Store,
                    format!(
                        "store schema version {v} was written by a newer rolegraph; this build \
                         reads version {}",
                        schema::VERSION
                    ),
                ))
            }
        }
        Ok(Store { conn })
    }

    /// Adds (or replaces, or skips when unchanged) one document's extraction.
    pub fn ingest(&mut self, doc_id: &str, text: &str, found: &Extraction) -> Result<IngestStats> {
        self.ingest_document(
            Document { id: doc_id, text: Some(text), date: None, hash: None },
            found,
        )
    }

    /// [`ingest`](Self::ingest) with a date, or without the text (an
    /// already-extracted record).
    pub fn ingest_document(
        &mut self,
        doc: Document<'_>,
        found: &Extraction,
    ) -> Result<IngestStats> {
        ingest::ingest(&mut self.conn, doc, found)
            .map_err(|e| Error::store(&format!("storing document `{}`", doc.id), e))
    }

    /// The content hash stored for document `id`, if it is stored (to skip
    /// an unchanged document before extracting it).
    pub fn content_hash(&self, id: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| Error::store("reading a document hash", e))
    }

    /// Row counts of every table, in schema order.
    pub fn counts(&self) -> Result<Vec<(&'static str, u64)>> {
        schema::TABLES
            .iter()
            .map(|t| {
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0))
                    .map(|n| (*t, n as u64))
                    .map_err(|e| Error::store("counting rows", e))
            })
            .collect()
    }

    /// The whole store as one knowledge graph (ids and kinds as in
    /// [`graph`](crate::graph); provenance names the documents).
    pub fn to_graph(&self) -> Result<Graph> {
        export::to_graph(&self.conn).map_err(|e| Error::store("reading the store", e))
    }

    /// Writes `nodes.csv` and `relationships.csv` into `dir` (created when
    /// missing) for `neo4j-admin database import full --nodes=nodes.csv
    /// --relationships=relationships.csv`.
    pub fn to_neo4j_csv(&self, dir: impl AsRef<Path>) -> Result<()> {
        export::to_neo4j_csv(&self.to_graph()?, dir.as_ref())
    }

    /// Writes the store as an HTML archive into `dir` (created when
    /// missing): `index.html`, the people (posts, agencies, documents,
    /// meetings), agencies (who holds posts there), meetings (who, when,
    /// where, which document) and documents, linking to each other and to
    /// `docs/<name>.html`, one page per document ([`Report`](crate::report::Report):
    /// the text with its entities and evidence highlighted, people, meetings,
    /// topics, the graph). File names come from
    /// [`page_file_name`](crate::report::page_file_name), so no document id
    /// can name a path outside `dir/docs`. Every page is self-contained
    /// (inline style and script, a `Content-Security-Policy` that forbids
    /// every fetch). Existing files of the same names are overwritten.
    ///
    /// ```
    /// use rolegraph::store::Store;
    ///
    /// let text = "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington.";
    /// let mut store = Store::open_in_memory()?;
    /// store.ingest("../memo 1", text, &rolegraph::extract(text)?)?;
    /// let dir = std::env::temp_dir().join(format!("rolegraph-doc-archive-{}", std::process::id()));
    /// let written = store.report(&dir)?;
    /// assert_eq!(written.documents, 1);
    /// let index = std::fs::read_to_string(dir.join("index.html"))?;
    /// assert!(index.contains("Ralph Goodale"));
    /// let page = rolegraph::report::page_file_name("../memo 1");
    /// assert!(index.contains(&format!("href=\"docs/{page}\"")));
    /// assert!(dir.join("docs").join(&page).is_file());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report(&self, dir: impl AsRef<Path>) -> Result<ArchiveStats> {
        self.report_with_progress(dir, |_, _| {})
    }

    /// [`report`](Self::report), calling `progress(done, total)` after each
    /// document page.
    pub fn report_with_progress(
        &self,
        dir: impl AsRef<Path>,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<ArchiveStats> {
        archive::write(&self.conn, dir.as_ref(), &mut progress)
    }

    /// The underlying connection, for queries (see `docs/store.md`).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
