//! The one translation table. Every piece of UI text is a field of [`Texts`] (grouped by area
//! into nested tables, one file each); each language is one `const` of it, so the compiler
//! refuses a language that misses a text. Domain terms (states, levels, channels, fields, roles,
//! commands) come with their labels from `domain`.

use leptos::prelude::*;

pub mod complaint;
mod errors;
pub use errors::{chain_break_en, chain_break_zh};
pub mod forms;
pub mod lists;
pub mod org;
pub mod paper;
pub mod people;
pub mod plan;
pub mod server;
pub mod settings;
pub mod stats;
pub mod sync;
pub mod visits;

pub use crate::domain::Lang;
pub use errors::Message;

impl Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The table of texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Every text the UI shows, in one language.
pub struct Texts {
    pub complaint: complaint::ComplaintTexts,
    pub forms: forms::FormTexts,
    pub lists: lists::ListTexts,
    pub stats: stats::StatsTexts,
    pub paper: paper::PaperTexts,
    pub people: people::PeopleTexts,
    pub sync: sync::SyncTexts,
    pub settings: settings::SettingsTexts,
    pub visits: visits::VisitTexts,
    pub plan: plan::PlanTexts,
    pub server: server::ServerTexts,
    pub nav_plan: &'static str,
    pub org: org::OrgTexts,
    pub nav_org: &'static str,
    pub demo_file_missing: &'static str,
    pub nav_visits: &'static str,
    pub app_name: &'static str,
    pub nav_label: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_list: &'static str,
    pub nav_new: &'static str,
    pub nav_sync: &'static str,
    pub nav_stats: &'static str,
    pub nav_ledger: &'static str,
    pub nav_settings: &'static str,
    pub switch_language: &'static str,
    pub lang_zh: &'static str,
    pub lang_en: &'static str,
    pub dashboard_title: &'static str,
    pub dashboard_empty: &'static str,
    pub list_title: &'static str,
    pub list_empty: &'static str,
    pub new_title: &'static str,
    pub new_empty: &'static str,
    pub detail_title: &'static str,
    pub detail_empty: &'static str,
    pub sync_title: &'static str,
    pub sync_empty: &'static str,
    /// The browser would not save a file offered for download.
    pub download_failed: &'static str,
    pub settings_title: &'static str,
    pub settings_language: &'static str,
    pub settings_storage: &'static str,
    pub storage_persisted: &'static str,
    pub storage_not_persisted: &'static str,
    pub storage_unknown: &'static str,
    pub storage_usage: &'static str,
    pub storage_checking: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    pub update_later: &'static str,
    pub update_failed: &'static str,
    pub offline_ready: &'static str,
}

pub const ZH: Texts = Texts {
    complaint: complaint::ZH,
    forms: forms::ZH,
    lists: lists::ZH,
    stats: stats::ZH,
    paper: paper::ZH,
    people: people::ZH,
    sync: sync::ZH,
    settings: settings::ZH,
    visits: visits::ZH,
    plan: plan::ZH,
    server: server::ZH,
    nav_plan: "预案",
    org: org::ZH,
    nav_org: "组织",
    demo_file_missing: "演示数据文件无法读取（可能离线且应用尚未安装完成，或版本不一致）。请联网后刷新页面再试。",
    nav_visits: "走访",
    app_name: "投诉应急",
    nav_label: "主导航",
    nav_dashboard: "总览",
    nav_list: "投诉列表",
    nav_new: "新建投诉",
    nav_sync: "同步",
    nav_stats: "统计",
    nav_ledger: "台账",
    nav_settings: "设置",
    switch_language: "English",
    lang_zh: "简体中文",
    lang_en: "English",
    dashboard_title: "总览",
    dashboard_empty: "这里将首先显示已超时和即将到期的投诉，其次是正在进行的应急预案、各状态和等级的数量，以及您接下来要办的事项。目前还没有投诉记录。",
    list_title: "投诉列表",
    list_empty: "这里将列出全部投诉，可按编号、姓名、电话、房号和内容搜索，按状态、等级、类别、部门和时限筛选。目前还没有投诉记录。",
    new_title: "新建投诉",
    new_empty: "这里将录入《客户投诉记录表》：受理时间、渠道、投诉人、房号、事件经过、业主诉求和类别，并进行等级研判。",
    detail_title: "投诉详情",
    detail_empty: "这里将显示这条投诉的编号、等级、状态、各项时限倒计时、处理时间线，以及您可以执行的下一步操作。没有找到这条投诉。",
    sync_title: "同步",
    sync_empty: "这里将导出数据包文件，交给其他平板或办公室电脑导入；导入前会先检查文件并预览变化，任何设备记录的内容都不会丢失。",
    download_failed: "浏览器没有保存这个文件。请检查浏览器的下载权限和存储空间后再试一次。",
    settings_title: "设置",
    settings_language: "界面语言",
    settings_storage: "本机存储",
    storage_persisted: "已获准持久保存：浏览器不会自动清除本机数据。",
    storage_not_persisted: "未获准持久保存：存储空间紧张时浏览器可能清除数据，请定期导出数据包备份。",
    storage_unknown: "此浏览器无法查询持久保存状态。",
    storage_usage: "已用 / 配额",
    storage_checking: "正在查询…",
    not_found_title: "页面不存在",
    not_found_body: "没有这个页面。请从导航中选择要去的页面。",
    back_home: "返回总览",
    update_ready: "有新版本可用。保存好正在填写的内容后，点击重新加载。",
    update_reload: "重新加载",
    update_later: "稍后",
    update_failed: "新版本没能接管这个页面。请关闭本应用的所有标签页后重新打开，新版本就会生效。",
    offline_ready: "已可离线使用",
};

pub const EN: Texts = Texts {
    complaint: complaint::EN,
    forms: forms::EN,
    lists: lists::EN,
    stats: stats::EN,
    paper: paper::EN,
    people: people::EN,
    sync: sync::EN,
    settings: settings::EN,
    visits: visits::EN,
    plan: plan::EN,
    server: server::EN,
    nav_plan: "Plan",
    org: org::EN,
    nav_org: "Organisation",
    demo_file_missing: "The demo data file could not be read (perhaps offline before the app finished installing, or from another version). Connect, reload the page and try again.",
    nav_visits: "Visits",
    app_name: "Complaint Response",
    nav_label: "Main navigation",
    nav_dashboard: "Dashboard",
    nav_list: "Complaints",
    nav_new: "New complaint",
    nav_sync: "Sync",
    nav_stats: "Statistics",
    nav_ledger: "Ledger",
    nav_settings: "Settings",
    switch_language: "中文",
    lang_zh: "简体中文",
    lang_en: "English",
    dashboard_title: "Dashboard",
    dashboard_empty: "Overdue and due-soon complaints will be shown here first, then active emergency plans, counts by state and level, and what you need to do next. There are no complaints yet.",
    list_title: "Complaints",
    list_empty: "All complaints will be listed here, searchable by number, name, phone, unit and text, and filterable by state, level, category, department and deadline. There are no complaints yet.",
    new_title: "New complaint",
    new_empty: "The complaint record form will be filled in here: time received, channel, complainant, unit, what happened, what the owner asks for and the category, followed by triage.",
    detail_title: "Complaint",
    detail_empty: "This page will show the complaint's number, level, state, a countdown for each deadline, the timeline of what was done, and the next steps you may take. This complaint was not found.",
    sync_title: "Sync",
    sync_empty: "Export a bundle file here for another tablet or the office PC to import. Imports are checked and previewed first, and nothing any device recorded is lost.",
    download_failed: "The browser did not save the file. Check its download permission and free space, then try again.",
    settings_title: "Settings",
    settings_language: "Language",
    settings_storage: "Storage on this device",
    storage_persisted: "Persistent storage granted: the browser will not clear this device's data on its own.",
    storage_not_persisted: "Persistent storage not granted: the browser may clear data when space runs low. Export a bundle regularly as a backup.",
    storage_unknown: "This browser cannot report whether storage is persistent.",
    storage_usage: "Used / quota",
    storage_checking: "Checking…",
    not_found_title: "Page not found",
    not_found_body: "There is no such page. Choose a page from the navigation.",
    back_home: "Back to the dashboard",
    update_ready: "A new version is available. Finish what you are typing, then reload.",
    update_reload: "Reload",
    update_later: "Later",
    update_failed: "The new version could not take over this page. Close every tab of this app and open it again; the new version then starts.",
    offline_ready: "Ready to work offline",
};

/// The current language, shared through context as a small `Copy` handle.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

/// The texts in the current language; re-runs in reactive scopes when the language changes.
pub fn use_texts() -> impl Fn() -> &'static Texts + Copy {
    let LangCtx(lang) = expect_context::<LangCtx>();
    move || lang.get().texts()
}
