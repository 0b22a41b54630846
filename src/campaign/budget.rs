//! Parse budgets, shared by the parser that applies them and the messages that name them.

/// Parse budgets. A campaign nests six levels deep at most and has a few thousand values at most; the
/// serde-saphyr defaults (depth 64, a million events, a million replayed alias events) are
/// meant for any YAML and let a hostile file cost far more than a campaign ever needs.
pub(super) const MAX_DEPTH: usize = 20;
pub(super) const MAX_NODES: usize = 100_000;
pub(super) const MAX_EVENTS: usize = 250_000;
pub(super) const MAX_ALIASES: usize = 1_000;
pub(super) const MAX_REPLAYED_EVENTS: usize = 10_000;
pub(super) const MAX_SCALAR_BYTES: usize = 8 * 1024 * 1024;
