//! The plans' rules: pure Rust, no I/O, no browser. Time is always a parameter.
