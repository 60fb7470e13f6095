//! Texts of the complaint pages: intake, detail, list and dashboard.

pub struct ComplaintTexts {
    pub placeholder: &'static str,
}

pub const ZH: ComplaintTexts = ComplaintTexts { placeholder: "" };
pub const EN: ComplaintTexts = ComplaintTexts { placeholder: "" };
