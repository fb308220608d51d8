//! The HTML archive of a store: an index page and one page per document.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;

use super::identity::person_key;
use crate::entity::Entity;
use crate::error::{Error, ErrorKind, Result};
use crate::extractor::Extraction;
use crate::graph::Graph;
use crate::relate::Relations;
use crate::report::{
    page_file_name, render_index, AgencyRow, ArchiveLinks, DocRow, Index, MeetingRow, PersonRow,
    PostRow, Report,
};

/// What [`Store::report`](super::Store::report) wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArchiveStats {
    /// Document pages written (one per stored document).
    pub documents: u64,
    /// Of those, documents stored without their text (ingested from
    /// already-extracted records): their pages list the facts only.
    pub without_text: u64,
    /// People, agencies and meetings in the index.
    pub people: u64,
    /// Agencies in the index.
    pub agencies: u64,
    /// Meetings in the index (one per reported meeting, not per pair).
    pub meetings: u64,
}

/// `documents.extraction`.
#[derive(Deserialize)]
struct Stored {
    entities: Vec<Entity>,
    relations: Relations,
}

const NO_TEXT: &str = "The text of this document is not in the store (it was ingested from \
                       already-extracted records): its facts are listed without it.";

pub(super) fn write(
    conn: &Connection,
    dir: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ArchiveStats> {
    let index = read_index(conn).map_err(|e| Error::store("reading the store", e))?;
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).map_err(|e| Error::write(&docs, e))?;
    let total = index.documents.len() as u64;
    let mut stats = ArchiveStats {
        people: index.people.len() as u64,
        agencies: index.agencies.len() as u64,
        meetings: index.meetings.len() as u64,
        ..ArchiveStats::default()
    };
    let ctx = |e| Error::store("reading the documents", e);
    let mut stmt =
        conn.prepare("SELECT id, text, extraction FROM documents ORDER BY id").map_err(ctx)?;
    let mut rows = stmt.query([]).map_err(ctx)?;
    while let Some(row) = rows.next().map_err(ctx)? {
        let id: String = row.get(0).map_err(ctx)?;
        let text: Option<String> = row.get(1).map_err(ctx)?;
        let json: String = row.get(2).map_err(ctx)?;
        let stored: Stored = serde_json::from_str(&json).map_err(|e| {
            Error::new(
                ErrorKind::Store,
                format!("document `{id}`: the stored extraction cannot be read: {e}"),
            )
            .with_source(e)
        })?;
        let graph = Graph::from_relations(&stored.relations, &stored.entities, Some(&id));
        let found = Extraction { entities: stored.entities, relations: stored.relations, graph };
        let links = links(conn, &id, &found).map_err(ctx)?;
        let mut report = Report::new(text.as_deref().unwrap_or(""), &found)
            .archive_links(&links)
            .document(&id)
            .index_link("../index.html");
        if text.is_none() {
            report = report.notice(NO_TEXT);
            stats.without_text += 1;
        }
        let path = docs.join(page_file_name(&id));
        std::fs::write(&path, report.to_html()).map_err(|e| Error::write(&path, e))?;
        stats.documents += 1;
        progress(stats.documents, total);
    }
    let path = dir.join("index.html");
    std::fs::write(&path, render_index(&index, "Archive")).map_err(|e| Error::write(&path, e))?;
    Ok(stats)
}

/// The index rows of the people and agencies of one document.
fn links(conn: &Connection, doc: &str, found: &Extraction) -> rusqlite::Result<ArchiveLinks> {
    let mut links = ArchiveLinks::default();
    let mut person = conn.prepare_cached("SELECT id FROM people WHERE key = ?1")?;
    let mut agency = conn.prepare_cached("SELECT id FROM agencies WHERE name = ?1")?;
    for p in &found.relations.people {
        let id: Option<i64> =
            person.query_row([person_key(&p.name, doc)], |r| r.get(0)).optional()?;
        links.people.push(id.map(|id| format!("../index.html#person-{id}")));
        for name in p.roles.iter().filter_map(|r| r.org.as_ref()) {
            if links.agencies.contains_key(name) {
                continue;
            }
            if let Some(id) = agency.query_row([name], |r| r.get::<_, i64>(0)).optional()? {
                links.agencies.insert(name.clone(), format!("../index.html#agency-{id}"));
            }
        }
    }
    Ok(links)
}

fn read_index(conn: &Connection) -> rusqlite::Result<Index> {
    let mut docs_of: HashMap<i64, Vec<String>> = HashMap::new();
    let mut people_in: HashMap<String, u64> = HashMap::new();
    let mut stmt = conn.prepare("SELECT DISTINCT person, doc FROM person_names ORDER BY doc")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let doc: String = r.get(1)?;
        *people_in.entry(doc.clone()).or_default() += 1;
        docs_of.entry(r.get(0)?).or_default().push(doc);
    }

    let mut posts_of: HashMap<i64, Vec<PostRow>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT p.person, p.title, min(p.\"of\"), p.agency, ag.name, count(DISTINCT p.doc) AS n \
         FROM posts p LEFT JOIN agencies ag ON ag.id = p.agency \
         GROUP BY p.person, p.title, p.agency, CASE WHEN p.agency IS NULL THEN p.\"of\" END \
         ORDER BY p.person, n DESC, p.title, ag.name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let agency = match r.get::<_, Option<i64>>(3)? {
            Some(id) => Some((id, r.get(4)?)),
            None => None,
        };
        posts_of.entry(r.get(0)?).or_default().push(PostRow {
            title: r.get(1)?,
            of: r.get(2)?,
            agency,
            docs: r.get::<_, i64>(5)? as u64,
        });
    }

    // One meeting per document and evidence span, with everyone of its pairs.
    let mut meetings: Vec<MeetingRow> = Vec::new();
    let mut at: HashMap<(String, i64, i64), usize> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT doc, start, end, date, date_text, place, \"trigger\", evidence FROM meetings \
         ORDER BY date IS NULL, date, doc, start, end, id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key = (r.get(0)?, r.get(1)?, r.get(2)?);
        if at.contains_key(&key) {
            continue;
        }
        at.insert(key.clone(), meetings.len());
        meetings.push(MeetingRow {
            doc: key.0,
            start: key.1,
            people: Vec::new(),
            date: r.get(3)?,
            date_text: r.get(4)?,
            place: r.get(5)?,
            trigger: r.get(6)?,
            evidence: r.get(7)?,
        });
    }
    let mut met: HashMap<i64, u64> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT m.doc, m.start, m.end, pe.id, pe.name FROM \
         (SELECT doc, start, end, person_a AS person FROM meetings \
          UNION SELECT doc, start, end, person_b FROM meetings) m \
         JOIN people pe ON pe.id = m.person ORDER BY pe.name, pe.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key = (r.get(0)?, r.get(1)?, r.get(2)?);
        if let Some(&i) = at.get(&key) {
            let id: i64 = r.get(3)?;
            *met.entry(id).or_default() += 1;
            meetings[i].people.push((id, r.get(4)?));
        }
    }

    let mut people = Vec::new();
    let mut stmt = conn.prepare("SELECT id, name FROM people ORDER BY name COLLATE NOCASE, id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        people.push(PersonRow {
            id,
            name: r.get(1)?,
            posts: posts_of.remove(&id).unwrap_or_default(),
            docs: docs_of.remove(&id).unwrap_or_default(),
            meetings: met.get(&id).copied().unwrap_or(0),
        });
    }

    let mut holders: HashMap<i64, Vec<(i64, String, Option<String>)>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT DISTINCT p.agency, pe.id, pe.name, p.title FROM posts p \
         JOIN people pe ON pe.id = p.person WHERE p.agency IS NOT NULL \
         ORDER BY pe.name COLLATE NOCASE, pe.id, p.title",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        holders.entry(r.get(0)?).or_default().push((r.get(1)?, r.get(2)?, r.get(3)?));
    }
    let mut agencies = Vec::new();
    let mut stmt =
        conn.prepare("SELECT id, name FROM agencies ORDER BY name COLLATE NOCASE, id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        agencies.push(AgencyRow {
            id,
            name: r.get(1)?,
            holders: holders.remove(&id).unwrap_or_default(),
        });
    }

    let mut meetings_in: HashMap<&str, u64> = HashMap::new();
    for m in &meetings {
        *meetings_in.entry(m.doc.as_str()).or_default() += 1;
    }
    let mut documents = Vec::new();
    let mut stmt =
        conn.prepare("SELECT id, date, lang, text IS NOT NULL FROM documents ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        documents.push(DocRow {
            people: people_in.get(&id).copied().unwrap_or(0),
            meetings: meetings_in.get(id.as_str()).copied().unwrap_or(0),
            date: r.get(1)?,
            lang: r.get(2)?,
            has_text: r.get(3)?,
            id,
        });
    }
    Ok(Index { people, agencies, meetings, documents })
}
