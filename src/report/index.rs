//! The index page of an archive ([`Store::report`](crate::store::Store::report)):
//! people, agencies, meetings and documents of a store, linking to each
//! other (`#person-<id>`, `#agency-<id>`, store ids) and to the documents'
//! pages (`docs/<name>.html`, [`page_file_name`](super::page_file_name)).

use std::fmt::Write as _;

use super::escape::text as esc;
use super::names::page_file_name;

/// What the index shows, read from the store.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub people: Vec<PersonRow>,
    pub agencies: Vec<AgencyRow>,
    pub meetings: Vec<MeetingRow>,
    pub documents: Vec<DocRow>,
}

#[derive(Debug)]
pub(crate) struct PersonRow {
    pub id: i64,
    pub name: String,
    pub posts: Vec<PostRow>,
    /// Documents that name the person, in id order.
    pub docs: Vec<String>,
    /// Reported meetings the person attended (distinct document and span).
    pub meetings: u64,
}

#[derive(Debug)]
pub(crate) struct PostRow {
    pub title: Option<String>,
    pub of: Option<String>,
    pub agency: Option<(i64, String)>,
    pub docs: u64,
}

#[derive(Debug)]
pub(crate) struct AgencyRow {
    pub id: i64,
    pub name: String,
    /// Person id, name, post title (`None`: a bare affiliation).
    pub holders: Vec<(i64, String, Option<String>)>,
}

#[derive(Debug)]
pub(crate) struct MeetingRow {
    pub doc: String,
    pub start: i64,
    pub people: Vec<(i64, String)>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub place: Option<String>,
    pub trigger: String,
    pub evidence: String,
}

#[derive(Debug)]
pub(crate) struct DocRow {
    pub id: String,
    pub date: Option<String>,
    pub lang: Option<String>,
    pub people: u64,
    pub meetings: u64,
    pub has_text: bool,
}

fn doc_href(id: &str) -> String {
    format!("docs/{}", page_file_name(id))
}

fn doc_link(id: &str) -> String {
    format!("<a class=\"doc\" href=\"{}\">{}</a>", doc_href(id), esc(id))
}

fn person_link(id: i64, name: &str) -> String {
    format!("<a href=\"#person-{id}\">{}</a>", esc(name))
}

fn dash_or(s: Option<&str>) -> String {
    s.map_or_else(|| "—".to_string(), esc)
}

/// The whole index page.
pub(crate) fn render(index: &Index, title: &str) -> String {
    let mut body = format!(
        "<header class=\"top\">\n<p class=\"brand\">rolegraph archive</p>\n<h1>{}</h1>\n\
         <p class=\"facts\">{} documents · {} people · {} agencies · {} meetings</p>\n</header>\n\
         <main class=\"index\">\n",
        esc(title),
        index.documents.len(),
        index.people.len(),
        index.agencies.len(),
        index.meetings.len()
    );
    body.push_str(&people(index));
    body.push_str(&agencies(index));
    body.push_str(&meetings(index));
    body.push_str(&documents(index));
    body.push_str("</main>\n");
    super::page("und", title, "", &body)
}

fn section(id: &str, title: &str, n: usize, head: &str) -> String {
    format!(
        "<section id=\"{id}\" class=\"card\" data-count=\"{n}\">\n<h2>{title} ({n})</h2>\n\
         <table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
    )
}

const END: &str = "</tbody>\n</table>\n</section>\n";

fn people(index: &Index) -> String {
    let mut out = section(
        "people",
        "People",
        index.people.len(),
        "<th>Person</th><th>Posts and agencies</th><th class=\"num\">Documents</th>\
         <th class=\"num\">Meetings</th><th>In</th>",
    );
    for p in &index.people {
        let posts: Vec<String> = p
            .posts
            .iter()
            .map(|post| {
                let title = esc(post.title.as_deref().unwrap_or("member"));
                let at = match (&post.agency, &post.of) {
                    (Some((id, name)), _) => {
                        format!(", <a href=\"#agency-{id}\">{}</a>", esc(name))
                    }
                    (None, Some(of)) => format!(", {}", esc(of)),
                    (None, None) => String::new(),
                };
                let n = post.docs;
                let docs = if n == 1 { "1 document".to_string() } else { format!("{n} documents") };
                format!("<li>{title}{at} <span class=\"tag\">{docs}</span></li>")
            })
            .collect();
        let posts = if posts.is_empty() {
            "—".to_string()
        } else {
            format!("<ul>{}</ul>", posts.concat())
        };
        let docs: Vec<String> = p.docs.iter().map(|d| doc_link(d)).collect();
        let _ = writeln!(
            out,
            "<tr class=\"person\" id=\"person-{}\" data-documents=\"{}\" data-meetings=\"{}\">\
             <td class=\"who\">{}</td><td>{posts}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td>{}</td></tr>",
            p.id,
            p.docs.len(),
            p.meetings,
            esc(&p.name),
            p.docs.len(),
            p.meetings,
            docs.join(", ")
        );
    }
    out.push_str(END);
    out
}

fn agencies(index: &Index) -> String {
    let mut out = section(
        "agencies",
        "Agencies",
        index.agencies.len(),
        "<th>Agency</th><th>People holding posts there</th>",
    );
    for a in &index.agencies {
        let holders: Vec<String> = a
            .holders
            .iter()
            .map(|(id, name, title)| {
                let title = title.as_deref().map(|t| format!(" ({})", esc(t))).unwrap_or_default();
                format!("<li>{}{title}</li>", person_link(*id, name))
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr class=\"agency\" id=\"agency-{}\" data-people=\"{}\"><td class=\"who\">{}</td>\
             <td><ul>{}</ul></td></tr>",
            a.id,
            a.holders.len(),
            esc(&a.name),
            holders.concat()
        );
    }
    out.push_str(END);
    out
}

fn meetings(index: &Index) -> String {
    let mut out = section(
        "meetings",
        "Meetings",
        index.meetings.len(),
        "<th>Who</th><th>When</th><th>Where</th><th>Said</th><th>Document</th>",
    );
    for m in &index.meetings {
        let who: Vec<String> = m.people.iter().map(|(id, n)| person_link(*id, n)).collect();
        let when = match (&m.date, &m.date_text) {
            (Some(iso), _) => format!("<time datetime=\"{}\">{}</time>", esc(iso), esc(iso)),
            (None, t) => dash_or(t.as_deref()),
        };
        let _ = writeln!(
            out,
            "<tr class=\"meeting\" data-doc=\"{}\" data-start=\"{}\" data-people=\"{}\">\
             <td>{}</td><td>{when}</td><td>{}</td><td title=\"{}\">{}</td>\
             <td><a class=\"doc\" href=\"{}#meetings\">{}</a></td></tr>",
            esc(&m.doc),
            m.start,
            m.people.len(),
            who.join(", "),
            dash_or(m.place.as_deref()),
            esc(&super::escape::short(&m.evidence, 300)),
            esc(&super::escape::short(&m.trigger, 40)),
            doc_href(&m.doc),
            esc(&m.doc)
        );
    }
    out.push_str(END);
    out
}

fn documents(index: &Index) -> String {
    let mut out = section(
        "documents",
        "Documents",
        index.documents.len(),
        "<th>Document</th><th>Date</th><th>Language</th><th class=\"num\">People</th>\
         <th class=\"num\">Meetings</th>",
    );
    for d in &index.documents {
        let note = if d.has_text { "" } else { " <span class=\"tag\">no text</span>" };
        let _ = writeln!(
            out,
            "<tr class=\"document\" data-doc=\"{}\"><td>{}{note}</td><td>{}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&d.id),
            doc_link(&d.id),
            dash_or(d.date.as_deref()),
            dash_or(d.lang.as_deref()),
            d.people,
            d.meetings
        );
    }
    out.push_str(END);
    out
}
