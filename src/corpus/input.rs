//! Input records: JSON lines, text files, directories of text files.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::extractor::DEFAULT_MAX_INPUT_BYTES;

/// Where a record comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file as it was named, or `-` for standard input.
    pub source: Arc<str>,
    /// 1-based line number in a JSON-lines source; `None` for a whole text
    /// file.
    pub line: Option<u64>,
}

impl std::fmt::Display for Origin {
    /// `corpus.jsonl:7`, or the file name alone.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(n) => write!(f, "{}:{n}", self.source),
            None => f.write_str(&self.source),
        }
    }
}

/// One input record: a document to extract from, or why a line or file is
/// not one (its `text` is then the error, and the record still gets its own
/// output record).
#[derive(Debug)]
pub struct Input {
    /// Where it comes from.
    pub origin: Origin,
    /// The document's id: the JSON `id` (a number is written as its decimal
    /// string), or a text file's name without `.txt`; `None` when the record
    /// has none or could not be read far enough to find it.
    pub id: Option<String>,
    /// The JSON `date`, kept as written (passed through to the output).
    pub date: Option<String>,
    /// The JSON `lang`: the language of the relations stage (detected when
    /// absent or not one of the available languages).
    pub lang: Option<String>,
    /// The text, or why there is none.
    pub text: Result<String>,
    /// Bytes of the source this record took (its line and newline, or the
    /// file): for progress reports.
    pub bytes: u64,
}

impl Input {
    /// A document held in memory (origin `<memory>`, no line).
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Input {
        let text = text.into();
        Input {
            origin: Origin { source: Arc::from("<memory>"), line: None },
            id: Some(id.into()),
            date: None,
            lang: None,
            bytes: text.len() as u64,
            text: Ok(text),
        }
    }

    fn refused(origin: Origin, bytes: u64, message: impl Into<String>) -> Input {
        Input {
            origin,
            id: None,
            date: None,
            lang: None,
            text: Err(Error::new(ErrorKind::Input, message)),
            bytes,
        }
    }
}

/// The longest JSON line read for texts of at most `max_text_bytes`: twice the
/// text (room for escapes) plus 4 KiB for the other fields.
pub fn max_line_bytes(max_text_bytes: usize) -> usize {
    max_text_bytes.saturating_mul(2).saturating_add(4096)
}

/// Streams the records of a JSON-lines source, one [`Input`] per line, never
/// holding more than one line in memory.
///
/// Each line is an object `{"id": …, "text": …, "date"?: …, "lang"?: …}`
/// (other fields are ignored; `id` is a string or a number, or absent).
/// Every line gives exactly one record, in order, numbered from 1; a line
/// that is blank, over [`max_line_bytes`], not valid UTF-8, not JSON, not an
/// object, or without a string `text` gives a record whose `text` is an
/// [`ErrorKind::Input`] error (an over-long line is skipped to its end
/// without being stored). A final line without a newline counts; an empty
/// source gives no record. A read error ends the stream after one error
/// record. `\r\n` line ends are accepted.
///
/// ```
/// use rolegraph::corpus::JsonlReader;
/// let data = "{\"id\": \"a\", \"text\": \"Bonjour.\"}\nnot json\n{\"id\": 7}\n";
/// let records: Vec<_> = JsonlReader::new(data.as_bytes(), "mem.jsonl").collect();
/// assert_eq!(records.len(), 3);
/// assert_eq!(records[0].text.as_deref().ok(), Some("Bonjour."));
/// assert!(records[1].text.is_err());
/// assert_eq!(records[2].id.as_deref(), Some("7")); // kept, though it has no text
/// assert_eq!(records[2].origin.to_string(), "mem.jsonl:3");
/// ```
pub struct JsonlReader<R> {
    reader: R,
    source: Arc<str>,
    max_line: usize,
    line: u64,
    buf: Vec<u8>,
    done: bool,
    whole_lines: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// Records of `reader`, named `source` in their origin, for texts up to
    /// [`DEFAULT_MAX_INPUT_BYTES`].
    pub fn new(reader: R, source: impl Into<Arc<str>>) -> Self {
        Self::with_max_text_bytes(reader, source, DEFAULT_MAX_INPUT_BYTES)
    }

    /// Records of `reader` for texts up to `max_text_bytes` (give the
    /// extractor's [`max_input_bytes`](crate::Extractor::max_input_bytes)):
    /// lines over [`max_line_bytes`]`(max_text_bytes)` are refused unread.
    pub fn with_max_text_bytes(
        reader: R,
        source: impl Into<Arc<str>>,
        max_text_bytes: usize,
    ) -> Self {
        JsonlReader {
            reader,
            source: source.into(),
            max_line: max_line_bytes(max_text_bytes),
            line: 0,
            buf: Vec::new(),
            done: false,
            whole_lines: false,
        }
    }

    /// Records whose `text` is the whole line, for lines that are not
    /// documents but already-extracted records (the output of `rolegraph
    /// extract --format jsonl`, read by `rolegraph ingest`): `id`, `date` and
    /// `lang` are read as usual, a `text` field is not required, and the
    /// line must still be a JSON object within the limits.
    pub fn whole_lines(mut self) -> Self {
        self.whole_lines = true;
        self
    }

    /// Reads the next line into `buf` (without its line end), storing at
    /// most `max_line` bytes. Returns the bytes consumed and whether the line
    /// was longer than the limit, or `None` at the end of the source.
    fn read_line(&mut self) -> std::io::Result<Option<(u64, bool)>> {
        self.buf.clear();
        let (mut consumed, mut over) = (0u64, false);
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok((consumed > 0).then_some((consumed, over)));
            }
            let (take, end) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            let content = if end { &avail[..take - 1] } else { avail };
            if !over {
                if self.buf.len() + content.len() > self.max_line {
                    over = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(content);
                }
            }
            self.reader.consume(take);
            consumed += take as u64;
            if end {
                if self.buf.last() == Some(&b'\r') {
                    self.buf.pop();
                }
                return Ok(Some((consumed, over)));
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done {
            return None;
        }
        let origin = Origin { source: self.source.clone(), line: Some(self.line + 1) };
        match self.read_line() {
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                self.line += 1;
                let mut input =
                    Input::refused(origin, 0, format!("reading failed, nothing after this: {e}"));
                input.text = input.text.map_err(|err| err.with_source(e));
                Some(input)
            }
            Ok(Some((bytes, over))) => {
                self.line += 1;
                if over {
                    return Some(Input::refused(
                        origin,
                        bytes,
                        format!(
                            "line is over {} bytes (twice the text limit plus 4 KiB; raise the \
                             limit with --max-input-bytes or ExtractorBuilder::max_input_bytes)",
                            self.max_line
                        ),
                    ));
                }
                Some(parse_line(origin, &self.buf, bytes, self.whole_lines))
            }
        }
    }
}

/// One JSON line as a record.
fn parse_line(origin: Origin, line: &[u8], bytes: u64, whole_line: bool) -> Input {
    let line = match std::str::from_utf8(line) {
        Ok(l) => l,
        Err(e) => {
            return Input::refused(
                origin,
                bytes,
                format!("not valid UTF-8 (invalid byte at offset {} of the line)", e.valid_up_to()),
            )
        }
    };
    if line.trim().is_empty() {
        return Input::refused(origin, bytes, "blank line: no JSON object");
    }
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            let message = e.to_string();
            let what = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
            return Input::refused(
                origin,
                bytes,
                format!("invalid JSON at column {}: {what}", e.column()),
            );
        }
    };
    let Value::Object(mut map) = value else {
        return Input::refused(origin, bytes, "not a JSON object");
    };
    let mut input = Input::refused(origin, bytes, "");
    let mut problems = Vec::new();
    match map.remove("id") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => input.id = Some(s),
        Some(Value::Number(n)) => input.id = Some(n.to_string()),
        Some(_) => problems.push("`id` is neither a string nor a number".to_string()),
    }
    let mut string = |field: &str| match map.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{field}` is not a string")),
    };
    let text = if whole_line { Ok(Some(line.to_string())) } else { string("text") };
    match string("date") {
        Ok(d) => input.date = d,
        Err(p) => problems.push(p),
    }
    match string("lang") {
        Ok(l) => input.lang = l,
        Err(p) => problems.push(p),
    }
    match text {
        Ok(Some(t)) if problems.is_empty() => input.text = Ok(t),
        Ok(Some(_)) => {}
        Ok(None) => problems.insert(0, "no `text` field".to_string()),
        Err(p) => problems.insert(0, p),
    }
    if !problems.is_empty() {
        input.text = Err(Error::new(ErrorKind::Input, problems.join("; ")));
    }
    input
}

/// One text file as one record: its id is the file name without `.txt`.
/// A file that cannot be read, is over `max_text_bytes` (refused before
/// reading it) or is not valid UTF-8 gives a record whose `text` is the error.
pub fn text_file(path: &Path, max_text_bytes: usize) -> Input {
    let origin = Origin { source: Arc::from(path.display().to_string()), line: None };
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let read = || -> Result<(String, u64)> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        if len > max_text_bytes as u64 {
            return Err(over_limit(len, max_text_bytes).with_path(path));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(max_text_bytes as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        if bytes.len() > max_text_bytes {
            return Err(over_limit(bytes.len() as u64, max_text_bytes).with_path(path));
        }
        let n = bytes.len() as u64;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::new(
                ErrorKind::Input,
                format!(
                    "not valid UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
            .with_path(path)
        })?;
        Ok((text, n))
    };
    let (text, bytes) = match read() {
        Ok((t, n)) => (Ok(t), n),
        Err(e) => (Err(e), std::fs::metadata(path).map_or(0, |m| m.len())),
    };
    Input { origin, id, date: None, lang: None, text, bytes }
}

/// The error of a text over the size limit.
pub(crate) fn over_limit(len: u64, max: usize) -> Error {
    Error::new(
        ErrorKind::Input,
        format!(
            "text is {len} bytes, over the limit of {max} bytes (raise it with \
             --max-input-bytes or ExtractorBuilder::max_input_bytes)"
        ),
    )
}

/// The entries of a directory, split into text files and the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DirListing {
    /// Files ending in `.txt` (any case), sorted by name.
    pub texts: Vec<PathBuf>,
    /// Every other entry (subdirectories included), sorted by name: not read,
    /// so that callers can say so.
    pub ignored: Vec<PathBuf>,
}

/// Lists the `.txt` files directly in `dir` (no recursion), in name order.
pub fn list_text_files(dir: &Path) -> Result<DirListing> {
    let mut listing = DirListing::default();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let is_txt = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        if is_txt && path.is_file() {
            listing.texts.push(path);
        } else {
            listing.ignored.push(path);
        }
    }
    listing.texts.sort();
    listing.ignored.sort();
    Ok(listing)
}

/// One input of a corpus run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A JSON-lines file; `-` is standard input.
    Jsonl(PathBuf),
    /// A text file: one document.
    Text(PathBuf),
}

impl Source {
    /// The file's size in bytes when known (not for standard input).
    pub fn size_bytes(&self) -> Option<u64> {
        let path = match self {
            Source::Jsonl(p) | Source::Text(p) => p,
        };
        if path == Path::new("-") {
            return None;
        }
        std::fs::metadata(path).ok().map(|m| m.len())
    }
}

/// The records of several sources, one after the other, read lazily: a
/// JSON-lines file is opened when its turn comes and streamed; one that
/// cannot be opened gives one error record.
pub fn read_sources(sources: Vec<Source>, max_text_bytes: usize) -> Inputs {
    Inputs { sources: sources.into_iter(), current: None, max_text_bytes, whole_lines: false }
}

type BoxedLines = JsonlReader<Box<dyn BufRead + Send>>;

/// The iterator of [`read_sources`].
pub struct Inputs {
    sources: std::vec::IntoIter<Source>,
    current: Option<BoxedLines>,
    max_text_bytes: usize,
    whole_lines: bool,
}

impl Inputs {
    /// JSON-lines sources read with [`JsonlReader::whole_lines`] (text files
    /// are still read whole, as one document).
    pub fn whole_lines(mut self) -> Self {
        self.whole_lines = true;
        self
    }
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(lines) = &mut self.current {
                match lines.next() {
                    Some(input) => return Some(input),
                    None => self.current = None,
                }
            }
            match self.sources.next()? {
                Source::Text(path) => return Some(text_file(&path, self.max_text_bytes)),
                Source::Jsonl(path) => {
                    let reader: Box<dyn BufRead + Send> = if path == Path::new("-") {
                        Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))
                    } else {
                        match File::open(&path) {
                            Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                            Err(e) => {
                                let origin = Origin {
                                    source: Arc::from(path.display().to_string()),
                                    line: None,
                                };
                                let mut input = Input::refused(origin, 0, "");
                                input.text = Err(Error::io(&path, e));
                                return Some(input);
                            }
                        }
                    };
                    let name = if path == Path::new("-") {
                        "-".to_string()
                    } else {
                        path.display().to_string()
                    };
                    let lines = JsonlReader::with_max_text_bytes(reader, name, self.max_text_bytes);
                    self.current = Some(if self.whole_lines { lines.whole_lines() } else { lines });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(data: &[u8], max_text: usize) -> Vec<Input> {
        JsonlReader::with_max_text_bytes(data, "t.jsonl", max_text).collect()
    }

    #[test]
    fn one_record_per_line_with_line_numbers() {
        let data = b"{\"id\":\"a\",\"text\":\"x\"}\n\n{bad\n\xff\xfe\n{\"id\":1}\r\n[1]\n{\"id\":\"z\",\"text\":\"y\"}";
        let r = records(data, 1000);
        assert_eq!(r.len(), 7);
        for (i, input) in r.iter().enumerate() {
            assert_eq!(input.origin.line, Some(i as u64 + 1));
        }
        let ok: Vec<bool> = r.iter().map(|i| i.text.is_ok()).collect();
        assert_eq!(ok, [true, false, false, false, false, false, true]);
        assert_eq!(r[1].text.as_ref().unwrap_err().to_string(), "blank line: no JSON object");
        assert!(r[2].text.as_ref().unwrap_err().to_string().starts_with("invalid JSON at column"));
        assert!(r[3].text.as_ref().unwrap_err().to_string().contains("not valid UTF-8"));
        assert_eq!(r[4].id.as_deref(), Some("1"));
        assert_eq!(r[4].text.as_ref().unwrap_err().to_string(), "no `text` field");
        assert_eq!(r[5].text.as_ref().unwrap_err().to_string(), "not a JSON object");
        assert_eq!(r[6].id.as_deref(), Some("z"));
        let total: u64 = r.iter().map(|i| i.bytes).sum();
        assert_eq!(total, data.len() as u64);
    }

    #[test]
    fn long_lines_are_refused_unread_and_the_next_line_is_read() {
        let long = format!("{{\"text\":\"{}\"}}\n", "a".repeat(20_000));
        let data = format!("{long}{{\"id\":\"next\",\"text\":\"b\"}}\n");
        let r = records(data.as_bytes(), 100);
        assert_eq!(r.len(), 2);
        assert!(r[0].text.as_ref().unwrap_err().to_string().contains("line is over 4296 bytes"));
        assert_eq!(r[0].bytes, long.len() as u64);
        assert_eq!(r[1].text.as_deref().ok(), Some("b"));
        assert_eq!(r[1].origin.line, Some(2));
    }

    #[test]
    fn wrong_field_types_are_named() {
        let r = records(b"{\"id\":[1],\"text\":3,\"lang\":\"fr\"}\n", 100);
        let msg = r[0].text.as_ref().unwrap_err().to_string();
        assert_eq!(msg, "`text` is not a string; `id` is neither a string nor a number");
        assert_eq!(r[0].lang.as_deref(), Some("fr"));
    }

    #[test]
    fn empty_source_has_no_record() {
        assert!(records(b"", 100).is_empty());
    }
}
