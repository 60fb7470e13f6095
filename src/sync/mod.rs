//! Bundle files: wire types, checksum, encryption, merge planning. Pure; see ARCHITECTURE.md.
