//! `rolegraph extract --format html` in a real browser: headless Chromium
//! loads the page, and the rendered DOM must hold every entity highlighted
//! once, the people, meetings, topics and graph sections, and the mark the
//! page's script leaves when it ran without error (`data-ok="1"`). A
//! screenshot goes to `<target>/html-report/seed.png`.
//!
//! Chromium is required, never skipped: `.ci/run` installs it (`apt-get
//! install -y chromium`); `ROLEGRAPH_CHROMIUM` picks another binary.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rolegraph::graph::Graph;
use rolegraph::relate::Relator;
use rolegraph::{CharIndex, Entity, Extraction, Span};

const SEED: &str = include_str!("../examples/seed-000.txt");

fn out_dir() -> PathBuf {
    // `<target>/tmp` is CARGO_TARGET_TMPDIR: the report goes next to it.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("html-report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium on `page` with `args`, at most 90 s.
fn chromium(page: &Path, profile: &str, args: &[&str]) -> Output {
    let bin = std::env::var("ROLEGRAPH_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-{profile}"));
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let child = Command::new(&bin)
        .args(["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        .args(["--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.unwrap_or_else(|e| {
        panic!(
            "cannot run `{bin}` ({e}): the HTML report test needs headless Chromium; \
             .ci/run installs it (apt-get install -y chromium)"
        )
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            child.kill().ok();
            panic!("`{bin}` did not finish in 90 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{bin} failed: {}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("Uncaught"), "script error in {url}: {err}");
    out
}

/// The attributes of every `<tag …>` start tag of a serialised DOM
/// (Chromium writes attribute values double-quoted, with `&quot;`, `&amp;`
/// and, lately, `&lt;` `&gt;`).
fn start_tags(dom: &str, tag: &str) -> Vec<HashMap<String, String>> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    for piece in dom.split(&open).skip(1) {
        let head = &piece[..piece.find('>').unwrap_or(piece.len())];
        let mut attrs = HashMap::new();
        let mut rest = head;
        while let Some(eq) = rest.find("=\"") {
            let name = rest[..eq].trim().to_string();
            let after = &rest[eq + 2..];
            let end = after.find('"').unwrap_or(after.len());
            let value =
                after[..end].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">");
            attrs.insert(name, value.replace("&amp;", "&"));
            rest = &after[(end + 1).min(after.len())..];
        }
        out.push(attrs);
    }
    out
}

/// Checks the rendered DOM of `found`'s page: every entity marked once with
/// its type and code-point span, the sections, the graph, the script's mark.
fn check_dom(dom: &str, found: &Extraction) {
    let body = &start_tags(dom, "body")[0];
    assert_eq!(
        body.get("data-ok").map(String::as_str),
        Some("1"),
        "the page's script did not finish cleanly: {body:?}"
    );
    let marks: Vec<_> = start_tags(dom, "mark")
        .into_iter()
        .filter(|a| a.get("class").is_some_and(|c| c.split(' ').any(|w| w == "ent")))
        .collect();
    let mut seen: Vec<(String, usize, usize)> = marks
        .iter()
        .map(|a| {
            let n = |k: &str| a[k].parse::<usize>().unwrap();
            (a["data-label"].clone(), n("data-start"), n("data-end"))
        })
        .collect();
    let mut want: Vec<(String, usize, usize)> =
        found.entities.iter().map(|e| (e.label.clone(), e.chars.start, e.chars.end)).collect();
    seen.sort();
    want.sort();
    assert_eq!(seen, want, "entity marks");
    let mut per_type: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &found.entities {
        *per_type.entry(&e.label).or_default() += 1;
    }
    for (label, n) in &per_type {
        let chips: Vec<_> = start_tags(dom, "li")
            .into_iter()
            .filter(|a| a.get("data-label").map(String::as_str) == Some(label))
            .collect();
        assert_eq!(chips.len(), 1, "{label} in the legend");
        assert_eq!(chips[0]["data-count"], n.to_string(), "{label} count");
        let marked = marks.iter().filter(|a| a["data-label"] == *label).count();
        assert_eq!(marked, *n, "{label} marks");
    }
    for id in ["document", "entity-types", "people", "meetings", "topics", "graph"] {
        assert!(dom.contains(&format!("<section id=\"{id}\"")), "section #{id}");
    }
    let svg = start_tags(dom, "svg");
    assert_eq!(svg.len(), 1, "one inline SVG");
    assert_eq!(svg[0]["data-nodes"], found.graph.nodes.len().to_string());
    let drawn = start_tags(dom, "g").into_iter().filter(|a| a.contains_key("data-id")).count();
    assert_eq!(drawn, found.graph.nodes.len(), "a node per graph node");
    let rel = &found.relations;
    for i in 0..rel.people.len() {
        assert!(dom.contains(&format!("id=\"person-{i}\"")), "person {i}");
    }
    for i in 0..rel.meetings.len() {
        assert!(dom.contains(&format!("<tr id=\"meeting-{i}\"")), "meeting row {i}");
        assert!(dom.contains(&format!("id=\"ev-meeting-{i}\"")), "meeting evidence {i}");
    }
    for (d, disc) in rel.discussions.iter().enumerate() {
        for t in 0..disc.topics.len() {
            assert!(dom.contains(&format!("id=\"topic-{d}-{t}\"")), "topic {d}-{t}");
        }
    }
    assert_eq!(dom.matches("<script").count(), 1, "only the page's own script");
}

#[test]
fn seed_report_in_headless_chromium() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-000.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_rolegraph"))
        .args(["extract", seed.to_str().unwrap(), "--format", "html"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = out_dir().join("seed.html");
    std::fs::write(&page, &out.stdout).unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(!html.contains("src=") && !html.contains("<link"), "nothing to fetch");

    // The same extraction through the library.
    let found = rolegraph::extract(SEED).unwrap();
    assert!(!found.relations.meetings.is_empty() && !found.relations.discussions.is_empty());
    assert_eq!(
        html,
        rolegraph::report::Report::new(SEED, &found).document("seed-000").to_html(),
        "the command writes the library's page"
    );

    let dom = chromium(&page, "seed-dom", &["--dump-dom"]);
    check_dom(&String::from_utf8_lossy(&dom.stdout), &found);

    let png = out_dir().join("seed.png");
    std::fs::remove_file(&png).ok();
    let shot = format!("--screenshot={}", png.display());
    chromium(&page, "seed-shot", &[&shot, "--window-size=1280,2000", "--hide-scrollbars"]);
    let bytes = std::fs::read(&png).expect("the screenshot is written");
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000, "{} bytes", bytes.len());
}

fn entity(text: &str, idx: &CharIndex, label: &str, surface: &str, nth: usize) -> Entity {
    let start = text.match_indices(surface).nth(nth).unwrap().0;
    let bytes = Span::new(start, start + surface.len());
    Entity {
        label: label.into(),
        text: surface.into(),
        score: 0.9,
        bytes,
        chars: idx.char_span(bytes),
        value: None,
    }
}

#[test]
fn hostile_document_renders_inert() {
    // Markup, quotes, controls and crossing entities, without a model.
    let text = "Minister Ann \"O'Neil\" met Secretary Bob </script><script>document.body.dataset.ok='0'</script> \
                in Zürich on 3 May 2022.\u{0}\u{85} They discussed <img src=x onerror=\"throw 1\"> 😀 trade & tariffs.";
    let idx = CharIndex::new(text);
    let mut entities = vec![
        entity(text, &idx, "PER", "Ann \"O'Neil\"", 0),
        entity(text, &idx, "PER", "Bob", 0),
        entity(text, &idx, "LOC", "Zürich", 0),
        entity(text, &idx, "MISC", "😀 trade", 0),
        entity(text, &idx, "ORG", "trade & tariffs", 0),
        entity(text, &idx, "EVENT\"<x>", "trade", 0),
    ];
    entities.sort_by_key(|e| (e.bytes.start, std::cmp::Reverse(e.bytes.end)));
    let relations = Relator::default().relate(text, &entities);
    let graph = Graph::from_relations(&relations, &entities, Some("</title><script>"));
    let found = Extraction { entities, relations, graph };
    let page = out_dir().join("hostile.html");
    std::fs::write(&page, rolegraph::report::html(text, &found)).unwrap();
    let dom = chromium(&page, "hostile-dom", &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(start_tags(&dom, "img").is_empty(), "an <img> from the text");
    check_dom(&dom, &found);
}

/// The rows of `sql` on `store`, every column as text (`NULL` for null).
fn rows(store: &rolegraph::store::Store, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = store.connection().prepare(sql).unwrap();
    let n = stmt.column_count();
    let mut rs = stmt.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(r) = rs.next().unwrap() {
        out.push(
            (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => "NULL".into(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    v => v.as_str().unwrap().to_string(),
                })
                .collect(),
        );
    }
    out
}

/// The stored extraction of document `id`, with its graph rebuilt as the
/// archive does.
fn stored_extraction(store: &rolegraph::store::Store, id: &str) -> Extraction {
    #[derive(serde::Deserialize)]
    struct Stored {
        entities: Vec<Entity>,
        relations: rolegraph::relate::Relations,
    }
    let json: String = store
        .connection()
        .query_row("SELECT extraction FROM documents WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    let s: Stored = serde_json::from_str(&json).unwrap();
    let graph = Graph::from_relations(&s.relations, &s.entities, Some(id));
    Extraction { entities: s.entities, relations: s.relations, graph }
}

/// `rolegraph ingest` then `rolegraph report` on three documents (the seed,
/// a short French note, a hostile id and text), and the archive in Chromium.
#[test]
fn archive_of_a_store_in_headless_chromium() {
    let dir = out_dir().join("archive-test");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let note = "Le ministre canadien de la Sécurité publique Ralph Goodale a rencontré la \
                secrétaire Ann Lee à Ottawa le 3 mai 2019. Les deux homologues ont discuté du \
                commerce.";
    let hostile_id = "../evil <b>\"x\"</b>";
    let hostile = "Minister Ann \"O'Neil\" </script><script>document.body.dataset.ok='0'</script> \
                   met Secretary Bob Smith in Zürich on 3 May 2022. They discussed \
                   <img src=x onerror=\"throw 1\"> trade & tariffs.";
    let mut corpus = String::new();
    for (id, text) in [("seed-000", SEED), ("note-1", note), (hostile_id, hostile)] {
        corpus.push_str(&serde_json::json!({ "id": id, "text": text }).to_string());
        corpus.push('\n');
    }
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, corpus).unwrap();
    let db = dir.join("kg.db");
    let archive = dir.join("archive");
    let bin = env!("CARGO_BIN_EXE_rolegraph");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(bin).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    run(&["ingest".as_ref(), db.as_os_str(), input.as_os_str()]);
    let said = run(&["report".as_ref(), db.as_os_str(), "--out".as_ref(), archive.as_os_str()]);
    assert!(said.contains("3 document pages"), "{said}");

    // Only index.html and docs/*.html: no id escapes its folder.
    let mut files = vec![];
    for e in walk(&archive) {
        files.push(e.strip_prefix(&archive).unwrap().to_string_lossy().into_owned());
    }
    files.sort();
    let mut want = vec!["index.html".to_string()];
    for id in ["seed-000", "note-1", hostile_id] {
        want.push(format!("docs/{}", rolegraph::report::page_file_name(id)));
    }
    want.sort();
    assert_eq!(files, want);

    let store = rolegraph::store::Store::open(&db).unwrap();
    let index = archive.join("index.html");
    let html = std::fs::read_to_string(&index).unwrap();
    assert!(!html.contains("src=") && !html.contains("<link"), "nothing to fetch");
    assert!(!html.contains("<b>\"x\"") && !html.contains("<img"), "markup from an id or text");
    assert!(check_file_links(&index) > 10);

    let dom = chromium(&index, "archive-index", &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
    let body = &start_tags(&dom, "body")[0];
    assert_eq!(body.get("data-ok").map(String::as_str), Some("1"), "{body:?}");
    assert_eq!(dom.matches("<script").count(), 1, "only the page's own script");
    let trs = start_tags(&dom, "tr");
    let of_class = |c: &str| -> Vec<&HashMap<String, String>> {
        trs.iter().filter(|a| a.get("class").map(String::as_str) == Some(c)).collect()
    };
    // People: every stored person, with their documents and meetings.
    let people = rows(
        &store,
        "SELECT p.id, (SELECT count(DISTINCT doc) FROM person_names WHERE person = p.id), \
         (SELECT count(*) FROM (SELECT DISTINCT doc, start, end FROM meetings \
          WHERE p.id IN (person_a, person_b))) FROM people p",
    );
    assert!(people.len() >= 5, "{people:?}");
    let shown = of_class("person");
    assert_eq!(shown.len(), people.len());
    for p in &people {
        let row = shown.iter().find(|a| a["id"] == format!("person-{}", p[0])).unwrap();
        assert_eq!((&row["data-documents"], &row["data-meetings"]), (&p[1], &p[2]), "{p:?}");
    }
    // Agencies, with the people holding posts there.
    let agencies = rows(
        &store,
        "SELECT a.id, (SELECT count(DISTINCT person || '/' || ifnull(title, '')) FROM posts \
         WHERE agency = a.id) FROM agencies a",
    );
    assert!(!agencies.is_empty());
    let shown = of_class("agency");
    assert_eq!(shown.len(), agencies.len());
    for a in &agencies {
        let row = shown.iter().find(|r| r["id"] == format!("agency-{}", a[0])).unwrap();
        assert_eq!(row["data-people"], a[1], "{a:?}");
    }
    // Meetings: one row per reported meeting, naming its document.
    let meetings = rows(&store, "SELECT DISTINCT doc, start, end FROM meetings");
    assert!(meetings.iter().any(|m| m[0] == "seed-000") && meetings.len() >= 2, "{meetings:?}");
    let shown = of_class("meeting");
    assert_eq!(shown.len(), meetings.len());
    for m in &meetings {
        assert!(shown.iter().any(|r| r["data-doc"] == m[0] && r["data-start"] == m[1]), "{m:?}");
    }
    let docs = of_class("document");
    assert_eq!(docs.len(), 3);
    assert!(docs.iter().any(|r| r["data-doc"] == hostile_id), "the hostile id, as text");

    // Two document pages, the hostile one included, checked like one report.
    for (id, profile) in [("seed-000", "archive-seed"), (hostile_id, "archive-hostile")] {
        let page = archive.join("docs").join(rolegraph::report::page_file_name(id));
        let dom = chromium(&page, profile, &["--dump-dom"]);
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(start_tags(&dom, "img").is_empty(), "an <img> from the text");
        check_dom(&dom, &stored_extraction(&store, id));
        let back = start_tags(&dom, "a").into_iter().filter(|a| a.get("class").is_some());
        assert!(back.into_iter().any(|a| a["href"] == "../index.html"), "link to the index");
        // The index, and each person's (and agency's) row there.
        let people = stored_extraction(&store, id).relations.people.len();
        assert!(check_file_links(&page) > people, "{id}");
    }
    let shot = format!("--screenshot={}", out_dir().join("archive-index.png").display());
    chromium(&index, "archive-shot", &[&shot, "--window-size=1280,1600", "--hide-scrollbars"]);
}

/// Checks that every link of `page` to another file reaches it (and its
/// anchor) inside the archive; returns how many there are.
fn check_file_links(page: &Path) -> usize {
    let html = std::fs::read_to_string(page).unwrap();
    let dir = page.parent().unwrap();
    let mut n = 0;
    for link in html.split("href=\"").skip(1) {
        let href = &link[..link.find('"').unwrap()];
        if href.starts_with('#') {
            continue;
        }
        let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
        assert!(!file.contains('%') && !file.contains(':'), "{href}");
        // Only the way back from docs/ to the index goes up.
        assert!(!file.contains("..") || file == "../index.html", "{href}");
        let target = std::fs::read_to_string(dir.join(file))
            .unwrap_or_else(|e| panic!("{href} in {}: {e}", page.display()));
        assert!(anchor.is_empty() || target.contains(&format!("id=\"{anchor}\"")), "{href}");
        n += 1;
    }
    n
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
