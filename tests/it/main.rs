//! trinvis's integration tests, as one test binary (each file a module): the binary `trinvis`
//! run on sites made for the test, and the library driven as `build`, `watch` and `serve`
//! drive it. One binary links the dependencies once, not thirteen times (a CI machine ran out
//! of disk linking them).
//!
//! Test code may unwrap, expect and panic — a failing test should stop loudly at its line —
//! so the crate's lints that forbid them in trinvis itself are lifted here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
/// Content as big and long as a real team's (also written by `--example syntetisk -- --ekstrem`).
#[path = "../../benches/common/extreme.rs"]
mod extreme;

mod architecture;
mod board;
mod browser;
mod build;
mod charts;
mod glossary;
mod handout;
mod hostile;
mod incremental;
mod pdf;
mod results;
mod search;
mod serve;
mod tagged;
mod validation;
mod watch;
