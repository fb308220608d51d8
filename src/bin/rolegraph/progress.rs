//! Progress of a long run on standard error: a bar when standard error is a
//! terminal, nothing otherwise; messages printed around the bar.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A run's progress bar (none when standard error is not a terminal) and clock.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
}

impl Progress {
    /// Starts the clock, and the bar on a terminal: `total` units (input
    /// bytes, documents) with the ETA when known, a spinner otherwise.
    pub fn new(total: Option<u64>) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| bar(total)).flatten();
        Progress { bar, started: Instant::now() }
    }

    /// Prints `rolegraph: {msg}` on standard error, above the bar.
    pub fn say(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("rolegraph: {msg}")),
            None => eprintln!("rolegraph: {msg}"),
        }
    }

    /// Advances the bar by `units`; `message` (given the seconds since the
    /// start) is only built when there is a bar.
    pub fn advance(&self, units: u64, message: impl FnOnce(f64) -> String) {
        if let Some(bar) = &self.bar {
            bar.inc(units);
            bar.set_message(message(self.started.elapsed().as_secs_f64().max(1e-3)));
        }
    }

    /// Time since the start.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn bar(total: Option<u64>) -> Option<ProgressBar> {
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::new(n),
            "{spinner} [{elapsed_precise}] {wide_bar} {percent:>3}% {msg}, ETA {eta}",
        ),
        None => (ProgressBar::new_spinner(), "{spinner} [{elapsed_precise}] {msg}"),
    };
    let style = ProgressStyle::with_template(template).ok()?;
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.set_style(style);
    bar.set_message("starting");
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}
