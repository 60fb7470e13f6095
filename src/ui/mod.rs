//! Views, routing, i18n. Holds no business rule.
