//! Texts of the plan document page.

pub struct PlanTexts {
    pub title: &'static str,
    pub none: &'static str,
    pub revisions: &'static str,
    pub revision: &'static str,
    pub show: &'static str,
    pub new_revision: &'static str,
    pub start: &'static str,
    pub add_section: &'static str,
    pub approve: &'static str,
    pub saved: &'static str,
}

pub const ZH: PlanTexts = PlanTexts {
    title: "应急预案",
    none: "还没有批准的预案。组长可在下方从大纲开始起草，批准后全员可见。",
    revisions: "修订记录",
    revision: "修订",
    show: "查看",
    new_revision: "新修订",
    start: "从现行版本（或大纲）开始",
    add_section: "添加一节",
    approve: "批准并发布",
    saved: "预案修订已批准，生效日起全员可见。",
};

pub const EN: PlanTexts = PlanTexts {
    title: "Emergency plan",
    none: "No plan has been approved yet. A leader can start from the outline below; once approved, everyone sees it.",
    revisions: "Revisions",
    revision: "Revision",
    show: "Show",
    new_revision: "New revision",
    start: "Start from the revision in force (or the outline)",
    add_section: "Add a section",
    approve: "Approve and publish",
    saved: "Revision approved; everyone sees it from the day it comes into force.",
};
