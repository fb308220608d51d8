//! The SQL schema, versioned with `PRAGMA user_version`.

/// The schema version written to `PRAGMA user_version`.
pub const VERSION: i64 = 2;

/// Creates every table and index (run once, on an empty database).
///
/// `documents.text` is the document's text (`NULL` for an already-extracted
/// record, which does not carry it) and `documents.extraction` its entities
/// and relations as JSON (`{"entities": […], "relations": {…}}`), for the
/// per-document pages of [`Store::report`](super::Store::report).
///
/// Every fact row (`person_names`, `mentions`, `posts`, `meetings`,
/// `discussions`) carries its document, the code-point span `[start, end)` of
/// its evidence in that document and the evidence text, all `NOT NULL`.
pub const CREATE: &str = r#"
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    lang         TEXT,
    date         TEXT,
    text         TEXT,
    extraction   TEXT NOT NULL
);
CREATE TABLE people (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    key  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE person_names (
    person INTEGER NOT NULL REFERENCES people(id),
    name   TEXT NOT NULL,
    doc    TEXT NOT NULL REFERENCES documents(id),
    UNIQUE (person, name, doc)
);
CREATE TABLE agencies (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE mentions (
    person   INTEGER NOT NULL REFERENCES people(id),
    doc      TEXT NOT NULL REFERENCES documents(id),
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    UNIQUE (person, doc, start, end)
);
CREATE TABLE posts (
    id         INTEGER PRIMARY KEY,
    person     INTEGER NOT NULL REFERENCES people(id),
    title      TEXT,
    "of"       TEXT,
    agency     INTEGER REFERENCES agencies(id),
    doc        TEXT NOT NULL REFERENCES documents(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    evidence   TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE UNIQUE INDEX posts_fact
    ON posts (person, doc, start, end, ifnull(title, ''), ifnull("of", ''), ifnull(agency, 0));
CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    person_a   INTEGER NOT NULL REFERENCES people(id),
    person_b   INTEGER NOT NULL REFERENCES people(id),
    doc        TEXT NOT NULL REFERENCES documents(id),
    date       TEXT,
    date_text  TEXT,
    place      TEXT,
    "trigger"  TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    evidence   TEXT NOT NULL,
    confidence REAL NOT NULL,
    CHECK (person_a < person_b),
    UNIQUE (person_a, person_b, doc, start, end)
);
CREATE TABLE discussions (
    id            INTEGER PRIMARY KEY,
    doc           TEXT NOT NULL REFERENCES documents(id),
    topic         TEXT NOT NULL,
    topic_start   INTEGER NOT NULL,
    topic_end     INTEGER NOT NULL,
    "trigger"     TEXT NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    evidence      TEXT NOT NULL,
    confidence    REAL NOT NULL,
    meeting_start INTEGER,
    meeting_end   INTEGER,
    UNIQUE (doc, topic_start, topic_end, start)
);
CREATE TABLE discussion_participants (
    discussion INTEGER NOT NULL REFERENCES discussions(id) ON DELETE CASCADE,
    person     INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (discussion, person)
);
CREATE INDEX person_names_doc ON person_names (doc);
CREATE INDEX mentions_doc ON mentions (doc);
CREATE INDEX posts_doc ON posts (doc);
CREATE INDEX posts_agency ON posts (agency);
CREATE INDEX meetings_doc ON meetings (doc);
CREATE INDEX meetings_b ON meetings (person_b);
CREATE INDEX discussions_doc ON discussions (doc);
CREATE INDEX discussion_participants_person ON discussion_participants (person);
"#;

/// Deletes the facts of one document (`?1`), before its new facts are written.
pub const DELETE_FACTS: &[&str] = &[
    "DELETE FROM discussions WHERE doc = ?1",
    "DELETE FROM meetings WHERE doc = ?1",
    "DELETE FROM posts WHERE doc = ?1",
    "DELETE FROM mentions WHERE doc = ?1",
    "DELETE FROM person_names WHERE doc = ?1",
];

/// Removes people and agencies no fact refers to any more.
pub const PRUNE: &[&str] = &[
    "DELETE FROM people WHERE id NOT IN (SELECT person FROM person_names)",
    "DELETE FROM agencies WHERE id NOT IN (SELECT agency FROM posts WHERE agency IS NOT NULL)",
];

/// The tables, for row counts.
pub const TABLES: &[&str] = &[
    "documents",
    "people",
    "person_names",
    "agencies",
    "mentions",
    "posts",
    "meetings",
    "discussions",
    "discussion_participants",
];
