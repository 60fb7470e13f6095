//! Texts of the complaint pages: intake, detail, list and dashboard.

pub struct ComplaintTexts {
    pub intake_receipt: &'static str,
    pub intake_complainant: &'static str,
    pub intake_matter: &'static str,
    pub received_hint: &'static str,
    pub anonymous: &'static str,
    pub phone_hint: &'static str,
    pub open_same_complainant: &'static str,
    pub description_hint: &'static str,
    pub drill: &'static str,
    pub submit: &'static str,
    pub clear_draft: &'static str,
    pub draft_saved: &'static str,
}

pub const ZH: ComplaintTexts = ComplaintTexts {
    intake_receipt: "受理",
    intake_complainant: "投诉人",
    intake_matter: "投诉事项",
    received_hint: "默认为现在；事后补录时可改为接到投诉的时间，各项时限从这里开始计算。",
    anonymous: "匿名投诉（不留姓名和电话）",
    phone_hint: "手机号或座机，如 13812345678、0755-12345678",
    open_same_complainant: "该投诉人或房号已有未结案的投诉：",
    description_hint: "简明扼要地写清楚事情经过。",
    drill: "这是演练（不计入统计）",
    submit: "受理投诉",
    clear_draft: "清空",
    draft_saved: "填写内容会自动保存为草稿。",
};

pub const EN: ComplaintTexts = ComplaintTexts {
    intake_receipt: "Receipt",
    intake_complainant: "Complainant",
    intake_matter: "The complaint",
    received_hint: "Now by default; when writing up later, set the time the complaint came in. Every deadline counts from here.",
    anonymous: "Anonymous (no name or phone)",
    phone_hint: "Mobile or landline, e.g. 13812345678, 0755-12345678",
    open_same_complainant: "This complainant or unit already has open complaints:",
    description_hint: "Say simply and clearly what happened.",
    drill: "This is a drill (left out of statistics)",
    submit: "Receive complaint",
    clear_draft: "Clear",
    draft_saved: "What you type is saved as a draft as you go.",
};
