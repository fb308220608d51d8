//! The knowledge graph and its exporters.
//!
//! [`Graph::from_relations`] turns the output of the relations stage into
//! typed nodes and edges; [`Graph::merge`] unions the graphs of several
//! documents (nodes and edges are keyed by stable ids, so the same person,
//! post or organisation is never duplicated); [`Graph::export`] writes JSON,
//! JSON-LD and N-Triples (schema.org, W3C ORG, PROV: one graph), GraphML or
//! DOT.
//!
//! ## Ids
//!
//! Ids are `<kind>/<slug>` where the slug is the lower-case ASCII form of the
//! normalised name (accents folded, runs of other characters turned into `-`):
//! `person/ralph-goodale`, `org/securite-publique-canada`, `location/ottawa`,
//! `post/ministre--securite-publique-et-de-la-protection-civile` (title, then
//! agency; a title without agency is scoped by its holder:
//! `post/president--donald-trump`), `meeting/2019-06-10--kevin-mcaleenan--ralph-goodale` (ISO date when
//! known, then the sorted participants), `topic/<slug of the topic text>`. In
//! RDF exports an id becomes the IRI [`ID_BASE`]` + id`, and a document id
//! the IRI `urn:rolegraph:document/<id>` (percent-encoded).
//!
//! ## RDF ([`Format::JsonLd`], [`Format::NTriples`])
//!
//! Both are written from one list of triples, so they are the same graph.
//! Name the document with [`Graph::assign_document`] (the command line uses
//! the file name, corpus mode each record's id), or nothing says where a
//! fact comes from.
//!
//! ### Vocabulary
//!
//! Nodes: `schema:Person`, `org:Organization`, `schema:Place`, `org:Post`,
//! `schema:Event` (a meeting), `schema:DefinedTerm` (a topic). Each has
//! `rdfs:label` and `schema:name`; a person `schema:alternateName` (its
//! mentions); a post `rg:title` and `rg:of`; a meeting `schema:startDate`
//! (typed `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`) and `rg:trigger`.
//! Edges are direct triples: `org:holds`, `org:postIn`, `schema:attendee`
//! (meeting → person), `rg:metWith`, `schema:location`, `schema:about`,
//! `rg:discussed`.
//!
//! ### Provenance
//!
//! Every document named in a provenance is the node
//! `urn:rolegraph:document/<id>` (`prov:Entity`, `schema:identifier`), and
//! every node says which documents it was read from with
//! `prov:wasDerivedFrom`. A direct triple such as `person org:holds post`
//! cannot carry a source in plain RDF, so the facts that documents assert
//! are also written as nodes of their own (qualified relations) that do:
//!
//! * a meeting is already a node (`schema:Event`, its id names the date and
//!   the participants, so the same meeting read in two documents is one node
//!   derived from both); its `schema:attendee` and the `rg:metWith` pairs
//!   read from it share its provenance;
//! * each `holds` edge is also an `org:Membership`
//!   (`membership/<person>/<post>`: `org:member`, `rg:post`,
//!   `org:organization` when the post's agency is known), derived from the
//!   documents that say the person holds the post;
//! * each topic discussed in a document is an `rg:Discussion`
//!   (`discussion/<topic>/<document>`: `schema:about` the topic,
//!   `rg:participant` the people and `rg:meeting` the meetings that this
//!   document says discussed it), derived from that one document, so a
//!   merged corpus graph still says who discussed what according to which
//!   document.
//!
//! Qualified nodes rather than RDF reification or named graphs: they are
//! ordinary triples (N-Triples cannot hold named graphs), they read as
//! domain facts (W3C ORG defines `org:Membership` for exactly this), and a
//! SPARQL query for "which documents say X met Y" is one pattern on the
//! meeting. Evidence spans (offsets, sentences) are in the JSON export.
//!
//! ## JSON schema ([`Format::Json`])
//!
//! ```text
//! { "nodes": [ { "id": "person/ralph-goodale", "kind": "person",
//!                "label": "Ralph Goodale",
//!                "properties": { "mentions": ["Ralph Goodale", "Goodale"] },
//!                "provenance": [ { "document": "seed-000",
//!                                  "evidence": { "text": "…", "bytes": {"start":…,"end":…},
//!                                                "chars": {"start":…,"end":…} } } ] } ],
//!   "edges": [ { "source": "person/ralph-goodale", "target": "post/ministre--…",
//!                "kind": "holds", "confidence": 0.85, "provenance": [ … ] } ] }
//! ```
//!
//! `kind` of a node: `person`, `organization`, `location`, `post`, `meeting`,
//! `topic`. `kind` of an edge: `holds` (person → post), `post_in` (post →
//! organization), `attended` (person → meeting), `met_with` (person → person,
//! symmetric, stored once with the smaller id first), `located_in` (meeting →
//! location), `about` (meeting → topic), `discussed` (person → topic).
//! Node properties: person `mentions`; post `title`, `of`, `modifiers`;
//! meeting `date` (as written), `iso_date`, `trigger`; topic `text`.

mod export;
mod rdf;

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::entity::Entity;
use crate::error::{Error, ErrorKind};
use crate::relate::{slug, Relations, TextSpan};

pub use rdf::ID_BASE;

/// The type of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A named person.
    Person,
    /// An organisation, agency or portfolio.
    Organization,
    /// A place.
    Location,
    /// A position (title + agency), `org:Post`.
    Post,
    /// A meeting held, `schema:Event`.
    Meeting,
    /// A discussed topic.
    Topic,
}

impl NodeKind {
    /// The id prefix (`person`, `org`, …).
    pub fn prefix(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Organization => "org",
            NodeKind::Location => "location",
            NodeKind::Post => "post",
            NodeKind::Meeting => "meeting",
            NodeKind::Topic => "topic",
        }
    }
}

/// The type of an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// Person → post (`org:holds`).
    Holds,
    /// Post → organisation (`org:postIn`).
    PostIn,
    /// Person → meeting (inverse of `schema:attendee`).
    Attended,
    /// Person → person, met in person (symmetric).
    MetWith,
    /// Meeting → location (`schema:location`).
    LocatedIn,
    /// Meeting → topic (`schema:about`).
    About,
    /// Person → topic.
    Discussed,
}

/// Where a node or edge comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provenance {
    /// The document id given to [`Graph::from_relations`], if any.
    pub document: Option<String>,
    /// The text that supports it (a sentence, a mention).
    pub evidence: Option<TextSpan>,
}

/// A node of the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Stable id (`person/ralph-goodale`).
    pub id: String,
    /// Node type.
    pub kind: NodeKind,
    /// Display name.
    pub label: String,
    /// Extra properties (see the module docs).
    pub properties: BTreeMap<String, Value>,
    /// Sources.
    pub provenance: Vec<Provenance>,
}

/// A directed edge of the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// Edge type.
    pub kind: EdgeKind,
    /// Highest confidence among its sources (0–1).
    pub confidence: f32,
    /// Sources.
    pub provenance: Vec<Provenance>,
}

/// A knowledge graph of people, posts, organisations, meetings and topics.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Graph {
    /// Nodes, in insertion order.
    pub nodes: Vec<Node>,
    /// Edges, in insertion order.
    pub edges: Vec<Edge>,
    #[serde(skip)]
    node_index: HashMap<String, usize>,
    #[serde(skip)]
    edge_index: HashMap<(String, EdgeKind, String), usize>,
    /// Hashes of each node's provenance, so that merging a node's 20,000th
    /// source does not compare it with the 19,999 before it; cleared with the
    /// indexes, and a node's set is re-read when its list's length no longer
    /// matches.
    #[serde(skip)]
    node_provenance: Vec<HashSet<u64>>,
}

fn provenance_hash(p: &Provenance) -> u64 {
    let mut h = DefaultHasher::new();
    p.hash(&mut h);
    h.finish()
}

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The graph as JSON (schema in the module docs).
    Json,
    /// JSON-LD with schema.org and the W3C ORG ontology.
    JsonLd,
    /// N-Triples (RDF 1.1).
    NTriples,
    /// GraphML (XML).
    GraphMl,
    /// Graphviz DOT.
    Dot,
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format, Error> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "jsonld" | "json-ld" => Ok(Format::JsonLd),
            "ntriples" | "n-triples" | "nt" => Ok(Format::NTriples),
            "graphml" => Ok(Format::GraphMl),
            "dot" | "graphviz" => Ok(Format::Dot),
            other => Err(Error::new(
                ErrorKind::Config,
                format!("unknown graph format `{other}` (json, jsonld, ntriples, graphml, dot)"),
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "json",
            Format::JsonLd => "jsonld",
            Format::NTriples => "ntriples",
            Format::GraphMl => "graphml",
            Format::Dot => "dot",
        })
    }
}

pub(crate) fn short_slug(s: &str) -> String {
    let s = slug(s);
    if s.len() <= 80 {
        return s;
    }
    let cut = s[..80].rfind('-').unwrap_or(80);
    s[..cut].to_string()
}

/// Graphs are equal when their nodes and edges are (the lookup indexes are
/// derived data, not serialised).
impl PartialEq for Graph {
    fn eq(&self, other: &Self) -> bool {
        self.nodes == other.nodes && self.edges == other.edges
    }
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        match self.node_index.get(id) {
            Some(&i) if self.node_index.len() == self.nodes.len() => Some(&self.nodes[i]),
            _ => self.nodes.iter().find(|n| n.id == id),
        }
    }

    /// Edges of a kind.
    pub fn edges_of(&self, kind: EdgeKind) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(move |e| e.kind == kind)
    }

    fn reindex(&mut self) {
        // Rebuilt, node by node, on the next merge.
        self.node_provenance.clear();
        self.node_index = self.nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
        self.edge_index = self
            .edges
            .iter()
            .enumerate()
            .map(|(i, e)| ((e.source.clone(), e.kind, e.target.clone()), i))
            .collect();
    }

    /// Adds a node or merges it into the node with the same id (provenance
    /// unioned, missing properties added, list properties unioned).
    pub fn add_node(&mut self, node: Node) -> String {
        if self.node_index.len() != self.nodes.len() {
            self.reindex();
        }
        let id = node.id.clone();
        match self.node_index.get(&id) {
            Some(&i) => {
                if self.node_provenance.len() != self.nodes.len() {
                    self.node_provenance = vec![HashSet::new(); self.nodes.len()];
                }
                let n = &mut self.nodes[i];
                let seen = &mut self.node_provenance[i];
                if seen.len() != n.provenance.len() {
                    *seen = n.provenance.iter().map(provenance_hash).collect();
                }
                for p in node.provenance {
                    // A hash seen before is checked against the list itself.
                    let fresh = seen.insert(provenance_hash(&p)) || !n.provenance.contains(&p);
                    if fresh {
                        n.provenance.push(p);
                    }
                }
                for (k, v) in node.properties {
                    match (n.properties.get_mut(&k), v) {
                        (Some(Value::Array(a)), Value::Array(b)) => {
                            for x in b {
                                if !a.contains(&x) {
                                    a.push(x);
                                }
                            }
                        }
                        (Some(_), _) => {}
                        (None, v) => {
                            n.properties.insert(k, v);
                        }
                    }
                }
                // The fullest label wins (a later document may give the full name).
                if node.label.chars().count() > n.label.chars().count()
                    && n.kind == NodeKind::Person
                {
                    n.label = node.label;
                }
            }
            None => {
                self.node_index.insert(id.clone(), self.nodes.len());
                if self.node_provenance.len() == self.nodes.len() {
                    self.node_provenance.push(HashSet::new());
                }
                self.nodes.push(node);
            }
        }
        id
    }

    /// Adds an edge or merges it into the same (source, kind, target) edge.
    pub fn add_edge(&mut self, edge: Edge) {
        if self.edge_index.len() != self.edges.len() {
            self.reindex();
        }
        let (mut s, mut t) = (edge.source, edge.target);
        if edge.kind == EdgeKind::MetWith && t < s {
            std::mem::swap(&mut s, &mut t);
        }
        let key = (s.clone(), edge.kind, t.clone());
        match self.edge_index.get(&key) {
            Some(&i) => {
                let e = &mut self.edges[i];
                e.confidence = e.confidence.max(edge.confidence);
                for p in edge.provenance {
                    if !e.provenance.contains(&p) {
                        e.provenance.push(p);
                    }
                }
            }
            None => {
                self.edge_index.insert(key, self.edges.len());
                self.edges.push(Edge {
                    source: s,
                    target: t,
                    kind: edge.kind,
                    confidence: edge.confidence,
                    provenance: edge.provenance,
                });
            }
        }
    }

    /// Merges another graph into this one. Nodes with the same id are merged;
    /// a person known in `other` by a partial name (`Goodale`) is merged into
    /// the one person of this graph whose name contains it (`Ralph Goodale`).
    pub fn merge(&mut self, other: Graph) {
        if self.node_index.len() != self.nodes.len() {
            self.reindex();
        }
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(slug).collect()
        };
        let mut remap: HashMap<String, String> = HashMap::new();
        for n in other
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Person && !self.node_index.contains_key(&n.id))
        {
            let w = words(&n.label);
            let cands: Vec<&Node> = self
                .nodes
                .iter()
                .filter(|m| m.kind == NodeKind::Person)
                .filter(|m| {
                    let mw = words(&m.label);
                    !w.is_empty()
                        && w.len() < mw.len()
                        && mw.windows(w.len()).any(|x| x == w.as_slice())
                })
                .collect();
            if cands.len() == 1 {
                remap.insert(n.id.clone(), cands[0].id.clone());
            }
        }
        // Posts scoped by a remapped holder follow the holder.
        let person_slugs: Vec<(String, String)> = remap
            .iter()
            .map(|(a, b)| {
                (
                    a.trim_start_matches("person/").to_string(),
                    b.trim_start_matches("person/").to_string(),
                )
            })
            .collect();
        for n in other.nodes.iter().filter(|n| n.kind == NodeKind::Post) {
            for (a, b) in &person_slugs {
                if let Some(stem) = n.id.strip_suffix(&format!("--{a}")) {
                    remap.insert(n.id.clone(), format!("{stem}--{b}"));
                }
            }
        }
        let map = |id: String| remap.get(&id).cloned().unwrap_or(id);
        for mut n in other.nodes {
            if let Some(to) = remap.get(&n.id) {
                n.id = to.clone();
                if n.kind == NodeKind::Person {
                    n.label = self.node(to).map(|x| x.label.clone()).unwrap_or(n.label);
                }
            }
            self.add_node(n);
        }
        for mut e in other.edges {
            e.source = map(e.source);
            e.target = map(e.target);
            self.add_edge(e);
        }
    }

    /// Builds the graph of one document. `entities` adds the ORG and LOC
    /// entities as nodes; `document` is recorded in every provenance.
    pub fn from_relations(rel: &Relations, entities: &[Entity], document: Option<&str>) -> Graph {
        let mut g = Graph::new();
        let prov = |ev: Option<&TextSpan>| {
            vec![Provenance { document: document.map(str::to_string), evidence: ev.cloned() }]
        };
        let node = |kind: NodeKind,
                    key: &str,
                    label: &str,
                    props: BTreeMap<String, Value>,
                    ev: Option<&TextSpan>| Node {
            id: format!("{}/{}", kind.prefix(), short_slug(key)),
            kind,
            label: label.to_string(),
            properties: props,
            provenance: prov(ev),
        };
        for e in entities {
            let kind = match e.label.to_ascii_uppercase().as_str() {
                "ORG" | "ORGANIZATION" | "ORGANISATION" => NodeKind::Organization,
                "LOC" | "LOCATION" | "GPE" => NodeKind::Location,
                _ => continue,
            };
            if slug(&e.text).is_empty() {
                continue;
            }
            let ev = TextSpan { text: e.text.clone(), bytes: e.bytes, chars: e.chars };
            g.add_node(node(kind, &e.text, &e.text, BTreeMap::new(), Some(&ev)));
        }
        let mut person_ids = Vec::new();
        for p in &rel.people {
            let mut props = BTreeMap::new();
            let mut ms: Vec<Value> = Vec::new();
            for m in &p.mentions {
                let v = Value::String(m.text.clone());
                if !ms.contains(&v) {
                    ms.push(v);
                }
            }
            props.insert("mentions".to_string(), Value::Array(ms));
            let pid =
                g.add_node(node(NodeKind::Person, &p.name, &p.name, props, p.mentions.first()));
            person_ids.push(pid.clone());
            for r in &p.roles {
                let title = r.post_title().unwrap_or("member");
                let agency = r.org.as_deref().or(r.of.as_ref().map(|o| o.text.as_str()));
                let key = match agency {
                    Some(a) => format!("{}--{}", short_slug(title), short_slug(a)),
                    // Without an agency the post is only known through its holder.
                    None => format!("{}--{}", short_slug(title), slug(&p.name)),
                };
                let mut props = BTreeMap::new();
                props.insert("title".into(), Value::String(title.to_string()));
                if let Some(o) = &r.of {
                    props.insert("of".into(), Value::String(o.text.clone()));
                }
                if !r.modifiers.is_empty() {
                    props.insert(
                        "modifiers".into(),
                        r.modifiers.iter().map(|m| Value::String(m.clone())).collect(),
                    );
                }
                let label = match &r.of {
                    Some(o) => format!("{title} ({})", o.text),
                    None => title.to_string(),
                };
                let post = Node {
                    id: format!("post/{key}"),
                    kind: NodeKind::Post,
                    label,
                    properties: props,
                    provenance: prov(Some(&r.evidence)),
                };
                let post_id = g.add_node(post);
                g.add_edge(Edge {
                    source: pid.clone(),
                    target: post_id.clone(),
                    kind: EdgeKind::Holds,
                    confidence: r.confidence,
                    provenance: prov(Some(&r.evidence)),
                });
                if let Some(a) = agency {
                    let ev = r.of.as_ref().unwrap_or(&r.evidence);
                    let oid =
                        g.add_node(node(NodeKind::Organization, a, a, BTreeMap::new(), Some(ev)));
                    g.add_edge(Edge {
                        source: post_id,
                        target: oid,
                        kind: EdgeKind::PostIn,
                        confidence: r.confidence,
                        provenance: prov(Some(ev)),
                    });
                }
            }
        }
        let mut meeting_ids = Vec::new();
        for m in &rel.meetings {
            let mut names: Vec<String> =
                m.participants.iter().map(|&i| slug(&rel.people[i].name)).collect();
            names.sort();
            let iso = m.date.as_ref().and_then(|d| d.iso.clone());
            let key = match &iso {
                Some(d) => format!("{d}--{}", names.join("--")),
                None => names.join("--"),
            };
            let label_names: Vec<&str> =
                m.participants.iter().map(|&i| rel.people[i].name.as_str()).collect();
            let mut props = BTreeMap::new();
            props.insert("trigger".into(), Value::String(m.trigger.text.clone()));
            if let Some(d) = &m.date {
                props.insert("date".into(), Value::String(d.span.text.clone()));
                if let Some(i) = &d.iso {
                    props.insert("iso_date".into(), Value::String(i.clone()));
                }
            }
            let label = format!(
                "Meeting: {}{}",
                label_names.join(", "),
                iso.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
            );
            let mid = g.add_node(Node {
                id: format!("meeting/{key}"),
                kind: NodeKind::Meeting,
                label,
                properties: props,
                provenance: prov(Some(&m.evidence)),
            });
            meeting_ids.push(mid.clone());
            for &p in &m.participants {
                g.add_edge(Edge {
                    source: person_ids[p].clone(),
                    target: mid.clone(),
                    kind: EdgeKind::Attended,
                    confidence: m.confidence,
                    provenance: prov(Some(&m.evidence)),
                });
            }
            for &[a, b] in &m.pairs {
                g.add_edge(Edge {
                    source: person_ids[a].clone(),
                    target: person_ids[b].clone(),
                    kind: EdgeKind::MetWith,
                    confidence: m.confidence,
                    provenance: prov(Some(&m.evidence)),
                });
            }
            if let Some(pl) = &m.place {
                let lid = g.add_node(node(
                    NodeKind::Location,
                    &pl.text,
                    &pl.text,
                    BTreeMap::new(),
                    Some(pl),
                ));
                g.add_edge(Edge {
                    source: mid.clone(),
                    target: lid,
                    kind: EdgeKind::LocatedIn,
                    confidence: m.confidence,
                    provenance: prov(Some(pl)),
                });
            }
        }
        for d in &rel.discussions {
            for t in &d.topics {
                let mut props = BTreeMap::new();
                props.insert("text".into(), Value::String(t.text.clone()));
                let tid = g.add_node(node(NodeKind::Topic, &t.text, &t.text, props, Some(t)));
                if let Some(mi) = d.meeting {
                    g.add_edge(Edge {
                        source: meeting_ids[mi].clone(),
                        target: tid.clone(),
                        kind: EdgeKind::About,
                        confidence: d.confidence,
                        provenance: prov(Some(&d.evidence)),
                    });
                }
                for &p in &d.participants {
                    g.add_edge(Edge {
                        source: person_ids[p].clone(),
                        target: tid.clone(),
                        kind: EdgeKind::Discussed,
                        confidence: d.confidence,
                        provenance: prov(Some(&d.evidence)),
                    });
                }
            }
        }
        g
    }

    /// Records `document` as the source of every node and edge whose
    /// provenance names none (a graph built by [`crate::extract`] or with
    /// `document: None`); provenance that names a document is kept.
    ///
    /// ```
    /// let mut graph = rolegraph::extract("Ralph Goodale a rencontré Kevin McAleenan.")?.graph;
    /// graph.assign_document("memo-7");
    /// assert!(graph.nodes.iter().all(|n| n
    ///     .provenance
    ///     .iter()
    ///     .all(|p| p.document.as_deref() == Some("memo-7"))));
    /// # Ok::<(), rolegraph::Error>(())
    /// ```
    pub fn assign_document(&mut self, document: &str) {
        let fill = |prov: &mut Vec<Provenance>| {
            for p in prov.iter_mut().filter(|p| p.document.is_none()) {
                p.document = Some(document.to_string());
            }
            // Two sources may have become one.
            let mut seen: HashSet<Provenance> = HashSet::with_capacity(prov.len());
            prov.retain(|p| seen.insert(p.clone()));
        };
        self.node_provenance.clear();
        for n in &mut self.nodes {
            fill(&mut n.provenance);
        }
        for e in &mut self.edges {
            fill(&mut e.provenance);
        }
    }

    /// Writes the graph in `format`.
    pub fn export(&self, format: Format) -> String {
        match format {
            Format::Json => self.to_json(),
            Format::JsonLd => self.to_jsonld(),
            Format::NTriples => self.to_ntriples(),
            Format::GraphMl => self.to_graphml(),
            Format::Dot => self.to_dot(),
        }
    }

    /// The graph as pretty JSON (schema in the module docs).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("graph serialises")
    }
}
