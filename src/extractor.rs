//! The pipeline: [`Extractor`] ties tokenize → encode → decode (→ relate → graph).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use candle_core::Device;
use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::decode::{self, Aggregation, DecodeOptions, Decoding, LabelScheme, Scheme, TokenProbs};
use crate::entity::Entity;
use crate::error::{Error, ErrorKind, Result};
use crate::graph::Graph;
use crate::model::{Backend, BackendKind, Batch, CandleBackend, ModelConfig, Precision, Weights};
use crate::relate::{Relations, Relator};
use crate::span::{CharIndex, Span};
use crate::tokenize::{model_view, TextTokenizer, Window};

/// Default cap on input size: 64 MiB. Raise it with [`ExtractorBuilder::max_input_bytes`].
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 << 20;

/// Everything rolegraph found in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Named entities, in text order, as the relations stage read them: the
    /// tagger's output after the document-level repairs of
    /// [`Relator::repair`] ([`Extractor::entities`] gives the tagger's own).
    pub entities: Vec<Entity>,
    /// People with their roles, meetings and discussions.
    pub relations: Relations,
    /// The same as a knowledge graph, ready to export or merge.
    pub graph: Graph,
}

/// One model window and its raw output, for inspection and parity checks.
#[derive(Clone, Debug)]
pub struct WindowLogits {
    /// Token ids fed to the model, special tokens included.
    pub ids: Vec<u32>,
    /// Byte span in the text of each position (`None` for special tokens).
    pub bytes: Vec<Option<Span>>,
    /// Logits, `(positions, labels)`.
    pub logits: Array2<f32>,
}

/// Files of a model, on disk or embedded.
#[derive(Clone, Debug)]
pub(crate) struct ModelSource {
    pub config_json: String,
    pub config_path: PathBuf,
    pub tokenizer: TokenizerSource,
    pub weights: Weights,
}

#[derive(Clone, Debug)]
pub(crate) enum TokenizerSource {
    File(PathBuf),
    #[cfg_attr(not(feature = "embedded-model"), allow(dead_code))]
    Static(&'static [u8]),
}

impl ModelSource {
    /// `config.json`, `tokenizer.json` and `model.safetensors` in `dir`.
    pub(crate) fn dir(dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            return Err(Error::new(
                ErrorKind::Io,
                format!("{}: model directory not found", dir.display()),
            )
            .with_path(dir));
        }
        let config_path = dir.join("config.json");
        Ok(ModelSource {
            config_json: crate::model::read_to_string(&config_path)?,
            config_path,
            tokenizer: TokenizerSource::File(dir.join("tokenizer.json")),
            weights: Weights::File(dir.join("model.safetensors")),
        })
    }
}

/// Builds an [`Extractor`]. Setters take `&mut self`; [`build`](Self::build)
/// can be called repeatedly.
///
/// ```no_run
/// let extractor = rolegraph::Extractor::builder()
///     .model_dir("path/to/hf-model")
///     .window_tokens(256)
///     .build()?;
/// # Ok::<(), rolegraph::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct ExtractorBuilder {
    model_dir: Option<PathBuf>,
    #[cfg(feature = "hub")]
    hub_model: Option<String>,
    backend: Option<Arc<dyn Backend>>,
    backend_kind: Option<BackendKind>,
    relator: Option<Relator>,
    aggregation: Option<Aggregation>,
    decoding: Option<Decoding>,
    scheme: Option<Scheme>,
    window_tokens: Option<usize>,
    overlap_tokens: Option<usize>,
    batch_size: Option<usize>,
    parallel_batches: Option<usize>,
    max_input_bytes: Option<usize>,
    device: Option<Device>,
    precision: Option<Precision>,
}

impl fmt::Debug for ExtractorBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtractorBuilder")
            .field("model_dir", &self.model_dir)
            .field("custom_backend", &self.backend.is_some())
            .field("backend_kind", &self.backend_kind)
            .field("relator", &self.relator.as_ref().map(|r| r.languages()))
            .field("aggregation", &self.aggregation)
            .field("decoding", &self.decoding)
            .field("scheme", &self.scheme)
            .field("window_tokens", &self.window_tokens)
            .field("overlap_tokens", &self.overlap_tokens)
            .field("batch_size", &self.batch_size)
            .field("parallel_batches", &self.parallel_batches)
            .field("max_input_bytes", &self.max_input_bytes)
            .field("device", &self.device)
            .field("precision", &self.precision)
            .finish()
    }
}

impl ExtractorBuilder {
    /// A builder with every option unset (defaults apply).
    pub fn new() -> Self {
        Self::default()
    }

    /// Load a Hugging Face model directory (`config.json`, `tokenizer.json`,
    /// `model.safetensors`) instead of the embedded default model.
    pub fn model_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.model_dir = Some(dir.into());
        self
    }

    /// Download `model_id` (e.g. `"Davlan/xlm-roberta-base-ner-hrl"`) from the
    /// Hugging Face hub into the standard cache (`HF_HOME`) at build time, and
    /// load it. Needs network access; offline, `build` fails with
    /// [`ErrorKind::Hub`] unless the files are already cached.
    #[cfg(feature = "hub")]
    pub fn hub_model(&mut self, model_id: impl Into<String>) -> &mut Self {
        self.hub_model = Some(model_id.into());
        self
    }

    /// Which built-in backend runs the network (default [`BackendKind::Candle`];
    /// `BackendKind::RustBert` with the `rust-bert` feature). Tokenization,
    /// windows, decoding and everything after are shared.
    pub fn backend_kind(&mut self, kind: BackendKind) -> &mut Self {
        self.backend_kind = Some(kind);
        self
    }

    /// Run the network with `backend` instead of loading the weights on
    /// candle; the model directory still provides `config.json` and
    /// `tokenizer.json`. The backend must produce the configured labels.
    pub fn backend(&mut self, backend: Arc<dyn Backend>) -> &mut Self {
        self.backend = Some(backend);
        self
    }

    /// The relations stage to run after NER (default: [`Relator::default`],
    /// the embedded data of every language).
    pub fn relator(&mut self, relator: Relator) -> &mut Self {
        self.relator = Some(relator);
        self
    }

    /// Subword → word aggregation (default [`Aggregation::First`]).
    pub fn aggregation(&mut self, aggregation: Aggregation) -> &mut Self {
        self.aggregation = Some(aggregation);
        self
    }

    /// Tag decoding (default [`Decoding::Viterbi`]).
    pub fn decoding(&mut self, decoding: Decoding) -> &mut Self {
        self.decoding = Some(decoding);
        self
    }

    /// Force a tagging scheme instead of inferring it from the labels (needed
    /// for IOB1 checkpoints).
    pub fn scheme(&mut self, scheme: Scheme) -> &mut Self {
        self.scheme = Some(scheme);
        self
    }

    /// Tokens per model window, special tokens included (default: the
    /// model's maximum, capped at 512; 128 for the embedded model, which was
    /// trained on windows of that size).
    pub fn window_tokens(&mut self, tokens: usize) -> &mut Self {
        self.window_tokens = Some(tokens);
        self
    }

    /// Tokens shared by consecutive windows of a long text (default: a quarter
    /// of the window). Each token is labelled by the window that gives it the
    /// most context, so entities at window edges are neither lost nor doubled.
    pub fn overlap_tokens(&mut self, tokens: usize) -> &mut Self {
        self.overlap_tokens = Some(tokens);
        self
    }

    /// Windows per forward pass (default 16).
    pub fn batch_size(&mut self, windows: usize) -> &mut Self {
        self.batch_size = Some(windows);
        self
    }

    /// Forward passes run at once when a call has several batches of
    /// windows. Default: one per available core for the candle backend on
    /// the CPU (one for other backends and devices). Each pass runs in its
    /// own rayon pool of `cores / passes` threads (at least one), so with the
    /// default every pass is single-threaded on its own core and no
    /// operator hands work between threads; a call with a single batch (a
    /// short text) runs one pass on all cores instead. On the 2-core
    /// reference machine two passes gave +12% words/s over one two-thread
    /// pass. Results do not depend on this setting.
    pub fn parallel_batches(&mut self, passes: usize) -> &mut Self {
        self.parallel_batches = Some(passes);
        self
    }

    /// Largest accepted input in bytes (default [`DEFAULT_MAX_INPUT_BYTES`]);
    /// longer texts are refused with [`ErrorKind::Input`], never truncated.
    pub fn max_input_bytes(&mut self, bytes: usize) -> &mut Self {
        self.max_input_bytes = Some(bytes);
        self
    }

    /// Run the model on `device` (default CPU).
    pub fn device(&mut self, device: Device) -> &mut Self {
        self.device = Some(device);
        self
    }

    /// Arithmetic of the encoder's dense layers (default [`Precision::Auto`]:
    /// int8 where the CPU has AVX-512 VNNI or AVX2, else f32). Applies to
    /// the candle backend on the CPU; other backends and devices run f32.
    ///
    /// On the shipped model, int8 keeps the logits within 0.5 of f32 and
    /// agrees on the arg-max label of 99.9% of tokens (see
    /// `tests/int8.rs`), and the encoder runs faster (see `CHANGELOG.md`).
    /// Pick [`Precision::Fp32`] for results that match transformers to
    /// 1e-4.
    ///
    /// ```
    /// use rolegraph::{Extractor, Precision};
    /// let text = "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington.";
    /// let fp32 = Extractor::builder().precision(Precision::Fp32).build()?;
    /// let int8 = Extractor::builder().precision(Precision::Int8).build()?;
    /// let names = |e: &Extractor| -> rolegraph::Result<Vec<String>> {
    ///     Ok(e.entities(text)?.into_iter().map(|e| e.text).collect())
    /// };
    /// assert_eq!(names(&fp32)?, names(&int8)?);
    /// # Ok::<(), rolegraph::Error>(())
    /// ```
    pub fn precision(&mut self, precision: Precision) -> &mut Self {
        self.precision = Some(precision);
        self
    }

    /// Loads the model and checks every option.
    pub fn build(&self) -> Result<Extractor> {
        #[cfg(feature = "hub")]
        if let Some(id) = &self.hub_model {
            return self.build_from(ModelSource::dir(&crate::hub::download(id)?)?, 512);
        }
        match &self.model_dir {
            Some(dir) => self.build_from(ModelSource::dir(dir)?, 512),
            None => crate::default_model::source().and_then(|src| self.build_from(src, 128)),
        }
    }

    fn build_from(&self, src: ModelSource, default_window: usize) -> Result<Extractor> {
        let config = ModelConfig::from_json(&src.config_json, &src.config_path)?;
        let scheme = LabelScheme::parse(&config.labels, self.scheme).map_err(|e| {
            Error::new(e.kind(), format!("{}: {e}", src.config_path.display()))
                .with_path(&src.config_path)
        })?;
        let tokenizer = match &src.tokenizer {
            TokenizerSource::File(p) => TextTokenizer::from_file(p, &config)?,
            TokenizerSource::Static(b) => {
                TextTokenizer::from_bytes(b, &config, Path::new("<embedded>/tokenizer.json"))?
            }
        };
        let backend: Arc<dyn Backend> = match &self.backend {
            Some(b) => b.clone(),
            None => match self.backend_kind.unwrap_or_default() {
                BackendKind::Candle => {
                    let device = self.device.clone().unwrap_or(Device::Cpu);
                    Arc::new(CandleBackend::load(
                        &src.weights,
                        &config,
                        &device,
                        self.precision.unwrap_or_default(),
                    )?)
                }
                #[cfg(feature = "rust-bert")]
                BackendKind::RustBert => {
                    Arc::new(crate::model::RustBertBackend::load(&src.weights, &config)?)
                }
            },
        };
        let window = self.window_tokens.unwrap_or(default_window).min(config.max_tokens());
        if window <= tokenizer.added_tokens() {
            return Err(Error::new(
                ErrorKind::Config,
                format!("window_tokens {window} leaves no room beside the special tokens"),
            ));
        }
        let batch_size = self.batch_size.unwrap_or(16);
        if batch_size == 0 {
            return Err(Error::new(ErrorKind::Config, "batch_size must be at least 1"));
        }
        let relator = match &self.relator {
            Some(r) => r.clone(),
            None => Relator::builder().build()?,
        };
        // One single-threaded pass per core for candle on the CPU; other
        // backends thread their own operators.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let on_cpu_candle = self.backend.is_none()
            && self.backend_kind.unwrap_or_default() == BackendKind::Candle
            && self.device.as_ref().is_none_or(Device::is_cpu);
        let default_passes = if on_cpu_candle { cores } else { 1 };
        let parallel_batches = self.parallel_batches.unwrap_or(default_passes).max(1);
        Ok(Extractor {
            tokenizer,
            backend,
            relator,
            scheme,
            options: DecodeOptions {
                aggregation: self.aggregation.unwrap_or_default(),
                decoding: self.decoding.unwrap_or_default(),
            },
            window,
            overlap: self.overlap_tokens.unwrap_or(window / 4),
            batch_size,
            parallel_batches,
            pass_threads: (cores / parallel_batches).max(1),
            pass_pools: std::sync::OnceLock::new(),
            max_input_bytes: self.max_input_bytes.unwrap_or(DEFAULT_MAX_INPUT_BYTES),
            config,
        })
    }
}

/// Batches each parallel pass runs before their logits are folded in.
const BATCHES_PER_PASS_IN_FLIGHT: usize = 8;

/// Splits windows sorted by decreasing length into batches of at most
/// `size` windows in which padding adds at most a quarter to the real tokens.
fn batches(windows: &[Window], size: usize) -> Vec<&[Window]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < windows.len() {
        let longest = windows[start].ids.len();
        let (mut end, mut real) = (start + 1, longest);
        while end < windows.len() && end - start < size {
            let len = windows[end].ids.len();
            if (end - start + 1) * longest * 4 > (real + len) * 5 {
                break;
            }
            real += len;
            end += 1;
        }
        out.push(&windows[start..end]);
        start = end;
    }
    out
}

/// A loaded model and its settings. `Send + Sync`: share one behind an `Arc`
/// (or a `static`) across threads.
pub struct Extractor {
    tokenizer: TextTokenizer,
    backend: Arc<dyn Backend>,
    relator: Relator,
    scheme: LabelScheme,
    options: DecodeOptions,
    window: usize,
    overlap: usize,
    batch_size: usize,
    parallel_batches: usize,
    /// Threads of each pass's pool.
    pass_threads: usize,
    /// One rayon pool per parallel pass, started on the first call that has
    /// several batches: the encoder's kernels split their work on the
    /// *current* pool, so a pass installed in a one-thread pool runs serially
    /// on its own core instead of handing work to threads busy with another
    /// pass. Empty if the threads could not be started (passes then run one
    /// at a time).
    pass_pools: std::sync::OnceLock<Vec<rayon::ThreadPool>>,
    max_input_bytes: usize,
    config: ModelConfig,
}

impl fmt::Debug for Extractor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extractor")
            .field("architecture", &self.config.architecture)
            .field("labels", &self.config.labels)
            .field("scheme", &self.scheme.scheme())
            .field("options", &self.options)
            .field("window", &self.window)
            .field("overlap", &self.overlap)
            .field("batch_size", &self.batch_size)
            .field("parallel_batches", &self.parallel_batches)
            .field("max_input_bytes", &self.max_input_bytes)
            .finish_non_exhaustive()
    }
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
};

struct Doc<'t> {
    text: &'t str,
    enc: crate::tokenize::DocTokens,
    probs: TokenProbs,
}

impl Extractor {
    /// A builder for a model directory and options.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The model's configuration.
    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    /// The model's labels, parsed.
    pub fn labels(&self) -> &LabelScheme {
        &self.scheme
    }

    /// Runs the whole pipeline on one text.
    pub fn extract(&self, text: &str) -> Result<Extraction> {
        Ok(self.extract_batch(&[text])?.pop().unwrap_or_default())
    }

    /// Runs the whole pipeline on several texts, batching their windows together.
    pub fn extract_batch(&self, texts: &[&str]) -> Result<Vec<Extraction>> {
        Ok(self
            .entities_batch(texts)?
            .into_iter()
            .zip(texts)
            .map(|(tagged, text)| {
                let (entities, relations) = self.relator.repair_and_relate(text, &tagged);
                let graph = Graph::from_relations(&relations, &entities, None);
                Extraction { entities, relations, graph }
            })
            .collect())
    }

    /// One document of a corpus run ([`crate::corpus`]): the whole pipeline
    /// with an optional language code (detection when `None` or unknown),
    /// `document` recorded in the graph's provenance, and at most `passes`
    /// parallel forward passes (so that documents already running in
    /// parallel do not each start `parallel_batches` more threads).
    pub(crate) fn extract_document(
        &self,
        text: &str,
        language: Option<&str>,
        document: Option<&str>,
        passes: usize,
    ) -> Result<Extraction> {
        let tagged = self
            .entities_batch_with(&[text], passes.clamp(1, self.parallel_batches))?
            .pop()
            .unwrap_or_default();
        let (entities, relations) = self.relator.repair_and_relate_in(language, text, &tagged);
        let graph = Graph::from_relations(&relations, &entities, document);
        Ok(Extraction { entities, relations, graph })
    }

    /// The largest text accepted, in bytes (see
    /// [`ExtractorBuilder::max_input_bytes`]).
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }

    /// The relations stage in use.
    pub fn relator(&self) -> &Relator {
        &self.relator
    }

    /// The NER stage alone: entities of one text.
    pub fn entities(&self, text: &str) -> Result<Vec<Entity>> {
        Ok(self.entities_batch(&[text])?.pop().unwrap_or_default())
    }

    /// The NER stage alone, for several texts.
    pub fn entities_batch(&self, texts: &[&str]) -> Result<Vec<Vec<Entity>>> {
        self.entities_batch_with(texts, self.parallel_batches)
    }

    /// [`entities_batch`](Self::entities_batch) with at most `passes`
    /// forward passes at once.
    fn entities_batch_with(&self, texts: &[&str], passes: usize) -> Result<Vec<Vec<Entity>>> {
        let labels = self.scheme.len();
        let mut docs = Vec::with_capacity(texts.len());
        let mut windows: Vec<Window> = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            if text.len() > self.max_input_bytes {
                return Err(Error::new(
                    ErrorKind::Input,
                    format!(
                        "text {i} is {} bytes, over the limit of {} bytes \
                         (raise it with ExtractorBuilder::max_input_bytes)",
                        text.len(),
                        self.max_input_bytes
                    ),
                ));
            }
            let enc = if text.trim().is_empty() {
                crate::tokenize::DocTokens::default()
            } else {
                self.tokenizer.encode(&model_view(text))?
            };
            windows.extend(self.tokenizer.windows(
                i,
                text,
                &enc,
                self.window,
                self.overlap,
                true,
            )?);
            let probs = TokenProbs::new(enc.len(), labels);
            docs.push(Doc { text, enc, probs });
        }
        // Similar lengths together: little padding.
        windows.sort_by_key(|w| std::cmp::Reverse(w.ids.len()));
        // Few windows: smaller batches, so that every pass has one. (Cut for
        // `parallel_batches` even when fewer passes run: the batches, hence
        // the scores to the last bit, do not depend on `passes`.)
        let per_pass = windows.len().div_ceil(self.parallel_batches).max(1);
        let chunks = batches(&windows, self.batch_size.min(per_pass));
        // A few batches per pass at a time: the logits of a long document are
        // folded into its token distributions as they come, not all held.
        let group = passes.max(1) * BATCHES_PER_PASS_IN_FLIGHT;
        for group in chunks.chunks(group) {
            for (chunk, logits) in group.iter().zip(self.run_batches(group, passes)?) {
                for (b, w) in chunk.iter().enumerate() {
                    let doc = &mut docs[w.doc];
                    for (pos, tok) in w.tokens.iter().enumerate() {
                        if let Some(t) = *tok {
                            // Document edges are not window edges: no context is missing there.
                            let left =
                                if w.first == w.segment.start { usize::MAX } else { t - w.first };
                            let right =
                                if w.end == w.segment.end { usize::MAX } else { w.end - 1 - t };
                            let context = left.min(right);
                            doc.probs.offer(t, context, logits.slice(ndarray::s![b, pos, ..]));
                        }
                    }
                }
            }
        }
        Ok(docs
            .into_iter()
            .map(|d| {
                let index = CharIndex::new(d.text);
                decode::entities(
                    d.text,
                    &d.enc.offsets,
                    &d.enc.words,
                    &d.probs.into_array(),
                    &self.scheme,
                    self.options,
                    &index,
                )
            })
            .collect())
    }

    /// The pools of the parallel passes (started on first use).
    fn pass_pools(&self) -> &[rayon::ThreadPool] {
        self.pass_pools.get_or_init(|| {
            (0..self.parallel_batches)
                .map(|i| {
                    rayon::ThreadPoolBuilder::new()
                        .num_threads(self.pass_threads)
                        .thread_name(move |t| format!("rolegraph-pass-{i}.{t}"))
                        .build()
                })
                .collect::<std::result::Result<Vec<_>, _>>()
                .unwrap_or_default()
        })
    }

    /// Logits of each batch, computed on up to `passes` threads.
    fn run_batches(
        &self,
        chunks: &[&[Window]],
        passes: usize,
    ) -> Result<Vec<ndarray::Array3<f32>>> {
        let mut workers = passes.min(self.parallel_batches).min(chunks.len());
        let pools = if workers > 1 { self.pass_pools() } else { &[] };
        workers = workers.min(pools.len());
        if workers <= 1 {
            return chunks.iter().map(|c| self.backend.logits(&self.batch(c))).collect();
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut out: Vec<Option<Result<ndarray::Array3<f32>>>> = Vec::new();
        out.resize_with(chunks.len(), || None);
        std::thread::scope(|scope| {
            let handles: Vec<_> = pools[..workers]
                .iter()
                .map(|pool| {
                    let next = &next;
                    scope.spawn(move || {
                        pool.install(|| {
                            let mut mine = Vec::new();
                            loop {
                                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                let Some(chunk) = chunks.get(i) else { break };
                                mine.push((i, self.backend.logits(&self.batch(chunk))));
                            }
                            mine
                        })
                    })
                })
                .collect();
            for h in handles {
                match h.join() {
                    Ok(mine) => mine.into_iter().for_each(|(i, r)| out[i] = Some(r)),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        out.into_iter().map(|r| r.expect("every batch ran")).collect()
    }

    /// Raw logits of every window of `text`, in text order (one window per
    /// forward pass, no padding), with windows cut by length only. (The NER
    /// stage in [`entities`](Self::entities) also cuts windows at sentence
    /// ends, as the model was trained on sentences.)
    pub fn window_logits(&self, text: &str) -> Result<Vec<WindowLogits>> {
        let enc = self.tokenizer.encode(text)?;
        let offsets = &enc.offsets;
        let windows = if enc.is_empty() {
            vec![self.tokenizer.window(0, &enc, 0, 0)?]
        } else {
            self.tokenizer.windows(0, text, &enc, self.window, self.overlap, false)?
        };
        windows
            .into_iter()
            .map(|w| {
                let logits = self.backend.logits(&self.batch(std::slice::from_ref(&w)))?;
                let logits = logits.index_axis_move(ndarray::Axis(0), 0);
                let bytes = w
                    .tokens
                    .iter()
                    .map(|t| t.map(|t| Span::from(offsets[t].0..offsets[t].1)))
                    .collect();
                Ok(WindowLogits { ids: w.ids, bytes, logits })
            })
            .collect()
    }

    fn batch(&self, windows: &[Window]) -> Batch {
        let seq = windows.iter().map(|w| w.ids.len()).max().unwrap_or(0);
        let n = windows.len();
        let mut ids = Array2::from_elem((n, seq), self.tokenizer.pad_id());
        let mut type_ids = Array2::zeros((n, seq));
        let mut mask = Array2::zeros((n, seq));
        for (b, w) in windows.iter().enumerate() {
            for (p, (&id, &ty)) in w.ids.iter().zip(&w.type_ids).enumerate() {
                ids[[b, p]] = id;
                type_ids[[b, p]] = ty;
                mask[[b, p]] = 1;
            }
        }
        Batch { ids, type_ids, mask }
    }
}
