//! Period statistics (§6).
