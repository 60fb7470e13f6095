//! The only code that touches IndexedDB (rexie), localStorage (gloo-storage) and JsValue.
