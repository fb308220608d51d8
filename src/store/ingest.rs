//! Writing one document's extraction.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::identity::person_key;
use super::schema;
use super::{Document, IngestStats};
use crate::extractor::Extraction;
use crate::relate::TextSpan;

/// The content hash of a text and its date: hex SHA-256.
pub fn text_hash(text: &str, date: Option<&str>) -> String {
    let mut h = Sha256::new();
    h.update(b"text\0");
    h.update(text.as_bytes());
    finish(h, date)
}

/// The content hash of a document: its [`Document::hash`], else the hash of
/// its text ([`text_hash`]), else (an already-extracted record) of its
/// entities and relations as JSON, with the date.
fn content_hash(doc: Document<'_>, found: &Extraction) -> String {
    if let Some(h) = doc.hash {
        return h.to_string();
    }
    if let Some(text) = doc.text {
        return text_hash(text, doc.date);
    }
    let mut h = Sha256::new();
    h.update(b"extraction\0");
    // Serialising plain data cannot fail; an empty hash input would only make
    // a changed record look new.
    h.update(serde_json::to_vec(&found.entities).unwrap_or_default());
    h.update(serde_json::to_vec(&found.relations).unwrap_or_default());
    finish(h, doc.date)
}

fn finish(mut h: Sha256, date: Option<&str>) -> String {
    h.update(b"\0date\0");
    h.update(date.unwrap_or("").as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored extraction of a document: `{"entities": […], "relations": {…}}`
/// (the graph is rebuilt from them when it is needed).
fn extraction_json(found: &Extraction) -> String {
    #[derive(serde::Serialize)]
    struct Stored<'a> {
        entities: &'a [crate::Entity],
        relations: &'a crate::relate::Relations,
    }
    // Serialising plain data cannot fail.
    serde_json::to_string(&Stored { entities: &found.entities, relations: &found.relations })
        .unwrap_or_else(|_| "{}".into())
}

fn span(s: &TextSpan) -> (i64, i64) {
    (s.chars.start as i64, s.chars.end as i64)
}

pub(super) fn ingest(
    conn: &mut Connection,
    doc: Document<'_>,
    found: &Extraction,
) -> rusqlite::Result<IngestStats> {
    let hash = content_hash(doc, found);
    let tx = conn.transaction()?;
    let stored: Option<String> = tx
        .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
        .query_row([doc.id], |r| r.get(0))
        .optional()?;
    let mut stats = IngestStats::default();
    if matches!(&stored, Some(h) if *h == hash) {
        stats.unchanged = true;
        return Ok(stats);
    }
    let json = extraction_json(found);
    if stored.is_some() {
        stats.replaced = true;
        for sql in schema::DELETE_FACTS {
            tx.prepare_cached(sql)?.execute([doc.id])?;
        }
    }
    tx.prepare_cached(
        "INSERT INTO documents (id, content_hash, lang, date, text, extraction) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (id) DO UPDATE SET content_hash = ?2, lang = ?3, date = ?4, text = ?5, \
         extraction = ?6",
    )?
    .execute(params![doc.id, hash, found.relations.language, doc.date, doc.text, json])?;
    write_facts(&tx, doc.id, found, &mut stats)?;
    if stats.replaced {
        for sql in schema::PRUNE {
            tx.execute(sql, [])?;
        }
    }
    tx.commit()?;
    Ok(stats)
}

fn write_facts(
    tx: &Transaction<'_>,
    doc: &str,
    found: &Extraction,
    stats: &mut IngestStats,
) -> rusqlite::Result<()> {
    let rel = &found.relations;
    let mut ids = Vec::with_capacity(rel.people.len());
    for p in &rel.people {
        let key = person_key(&p.name, doc);
        let known: Option<i64> = tx
            .prepare_cached("SELECT id FROM people WHERE key = ?1")?
            .query_row([&key], |r| r.get(0))
            .optional()?;
        let id = match known {
            Some(id) => {
                // The fullest name form wins, as in `Graph::merge`.
                tx.prepare_cached(
                    "UPDATE people SET name = ?2 WHERE id = ?1 AND length(name) < length(?2)",
                )?
                .execute(params![id, p.name])?;
                id
            }
            None => {
                stats.new_people += 1;
                tx.prepare_cached("INSERT INTO people (key, name) VALUES (?1, ?2)")?
                    .execute(params![key, p.name])?;
                tx.last_insert_rowid()
            }
        };
        stats.people += 1;
        ids.push(id);
        let mut name_row = tx.prepare_cached(
            "INSERT OR IGNORE INTO person_names (person, name, doc) VALUES (?1, ?2, ?3)",
        )?;
        name_row.execute(params![id, p.name, doc])?;
        for m in &p.mentions {
            name_row.execute(params![id, m.text, doc])?;
            let (s, e) = span(m);
            stats.mentions += tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO mentions (person, doc, start, end, evidence) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![id, doc, s, e, m.text])? as u64;
        }
        for r in &p.roles {
            let agency = match &r.org {
                Some(name) => {
                    tx.prepare_cached("INSERT OR IGNORE INTO agencies (name) VALUES (?1)")?
                        .execute([name])?;
                    Some(
                        tx.prepare_cached("SELECT id FROM agencies WHERE name = ?1")?
                            .query_row([name], |r| r.get::<_, i64>(0))?,
                    )
                }
                None => None,
            };
            let (s, e) = span(&r.evidence);
            stats.posts += tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO posts \
                     (person, title, \"of\", agency, doc, start, end, evidence, confidence) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(params![
                    id,
                    r.post_title(),
                    r.of.as_ref().map(|o| o.text.as_str()),
                    agency,
                    doc,
                    s,
                    e,
                    r.evidence.text,
                    f64::from(r.confidence)
                ])? as u64;
        }
    }
    for m in &rel.meetings {
        let (s, e) = span(&m.evidence);
        for &[a, b] in &m.pairs {
            let (Some(&pa), Some(&pb)) = (ids.get(a), ids.get(b)) else { continue };
            if pa == pb {
                continue;
            }
            let (pa, pb) = (pa.min(pb), pa.max(pb));
            stats.meetings += tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO meetings (person_a, person_b, doc, date, date_text, \
                     place, \"trigger\", start, end, evidence, confidence) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    pa,
                    pb,
                    doc,
                    m.date.as_ref().and_then(|d| d.iso.as_deref()),
                    m.date.as_ref().map(|d| d.span.text.as_str()),
                    m.place.as_ref().map(|p| p.text.as_str()),
                    m.trigger.text,
                    s,
                    e,
                    m.evidence.text,
                    f64::from(m.confidence)
                ])? as u64;
        }
    }
    for d in &rel.discussions {
        let (s, e) = span(&d.evidence);
        let meeting = d.meeting.and_then(|i| rel.meetings.get(i)).map(|m| span(&m.evidence));
        for t in &d.topics {
            let (ts, te) = span(t);
            let inserted = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO discussions (doc, topic, topic_start, topic_end, \
                     \"trigger\", start, end, evidence, confidence, meeting_start, meeting_end) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    doc,
                    t.text,
                    ts,
                    te,
                    d.trigger.text,
                    s,
                    e,
                    d.evidence.text,
                    f64::from(d.confidence),
                    meeting.map(|m| m.0),
                    meeting.map(|m| m.1)
                ])?;
            if inserted == 0 {
                continue;
            }
            stats.discussions += 1;
            let did = tx.last_insert_rowid();
            let mut part = tx.prepare_cached(
                "INSERT OR IGNORE INTO discussion_participants (discussion, person) VALUES (?1, ?2)",
            )?;
            for &p in &d.participants {
                if let Some(&pid) = ids.get(p) {
                    part.execute(params![did, pid])?;
                }
            }
        }
    }
    Ok(())
}
