//! The knowledge graph and its exporters.
